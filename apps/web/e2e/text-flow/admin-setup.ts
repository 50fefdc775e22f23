import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from '../browser';
import { BIOGRAPHY, newsNdjson, ORG, PERSON } from './news-fixtures';

/**
 * What an admin does through the pages to get a text project ready: create it, build and publish its
 * ontology, add the people, upload the tasks and start the batch. Each step waits for the page to confirm.
 */

export interface TextProjectForm {
  readonly title: string;
  readonly annotationsPerTask: number;
  readonly review: 'none' | 'all';
}

/** `/` → "New project" → the form; returns the project name the page derived from the title. */
export async function createTextProject(page: Page, form: TextProjectForm): Promise<string> {
  await page.getByTestId('new-project').click();
  await page.getByTestId('project-title').fill(form.title);
  await page.getByTestId('project-modality').selectOption('text');
  await page.getByTestId('workflow-annotations_per_task').fill(String(form.annotationsPerTask));
  await page.getByTestId('workflow-review').selectOption(form.review);
  const name = await page.getByTestId('project-name').inputValue();
  expect(name).not.toBe('');
  await screenshot(page, 'text-flow-new-project');
  await page.getByTestId('create-project').click();
  await page.waitForURL(`**/projects/${name}/ontology`);
  await page.getByTestId('ontology-empty').waitFor();
  return name;
}

async function fillClass(page: Page, index: number, id: string, name: string): Promise<void> {
  await page.getByTestId(`class-id-${index}`).fill(id);
  await page.getByTestId(`class-name-${index}`).fill(name);
}

/**
 * On the ontology page: a new draft with two span classes that may not overlap (Person, Organization) and one
 * whole-document class (Biography), saved and published as v1.
 */
export async function buildNewsOntology(page: Page): Promise<void> {
  await page.getByTestId('ontology-new-draft').click();
  await page.getByTestId('ontology-workspace-1').waitFor();
  for (let i = 0; i < 3; i++) await page.getByTestId('class-add').click();
  await fillClass(page, 0, PERSON, 'Person');
  await fillClass(page, 1, ORG, 'Organization');
  await fillClass(page, 2, BIOGRAPHY, 'Biography');
  for (const index of [0, 1]) {
    await expect.poll(() => page.getByTestId(`class-geom-${index}-span`).isChecked()).toBe(true);
    expect(await page.getByTestId(`class-overlap-${index}`).isChecked()).toBe(false);
  }
  await page.getByTestId('class-geom-2-span').uncheck();
  await page.getByTestId('class-geom-2-classification').check();
  await page.getByTestId('ontology-save').click();
  await expect.poll(() => page.getByTestId('ontology-status').textContent()).toBe('Saved v1.');
  await screenshot(page, 'text-flow-ontology');
  await page.getByTestId('ontology-publish').click();
  await page.getByTestId('ontology-publish-confirm').click();
  await expect.poll(() => page.getByTestId('ontology-current').textContent()).toBe('New tasks use v1.');
}

/** On the members page: adds each user (picked from the admin's user list, narrowed by role). */
export async function addMembers(
  page: Page,
  people: readonly { readonly userId: string; readonly role: string }[],
): Promise<void> {
  for (const { userId, role } of people) {
    await page.getByTestId('member-role').selectOption(role);
    await page.getByTestId('member-user').selectOption(userId);
    await page.getByTestId('member-add').click();
    await page.getByTestId(`member-${userId}`).waitFor();
  }
  await screenshot(page, 'text-flow-members');
}

/**
 * On the upload page: the NDJSON tasks file into a new batch, then the batch finalized so its tasks reach
 * the queue. Returns how many tasks the page says it created.
 */
export async function uploadNewsTasks(page: Page, batch: string): Promise<number> {
  await page.getByTestId('batch-name').fill(batch);
  await page.getByTestId('upload-tasks-file').setInputFiles({
    name: 'news.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(newsNdjson()),
  });
  await expect.poll(() => page.getByTestId('upload-selection').textContent()).toMatch(/news\.ndjson/);
  await page.getByTestId('upload-start').click();
  await page.locator('[data-testid=upload-progress][data-phase=done]').waitFor();
  expect(await page.getByTestId('upload-invalid').textContent()).toBe('0');
  const created = Number(await page.getByTestId('upload-created').textContent());
  await page.getByTestId(`batch-${batch}-finalize`).click();
  await expect.poll(() => page.getByTestId(`batch-${batch}-status`).textContent()).toBe('in_progress');
  await screenshot(page, 'text-flow-upload');
  return created;
}
