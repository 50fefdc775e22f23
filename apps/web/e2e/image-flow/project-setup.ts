import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from '../browser';
import { POLL, tid } from './selectors';

/**
 * From the projects list: New project → image modality, 2 annotations per task (consensus), review every task.
 * Ends on the new project's ontology page, where the form sends its creator.
 */
export async function createProject(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await page.waitForSelector(tid('projects-empty'));
  await screenshot(page, 'image-flow-01-projects');
  await page.click(tid('new-project'));
  await page.fill(tid('project-title'), 'Street cars (e2e)');
  await page.fill(tid('project-name'), name);
  await page.selectOption(tid('project-modality'), 'image');
  await page.fill(tid('workflow-annotations_per_task'), '2');
  await page.selectOption(tid('workflow-review'), 'all');
  await screenshot(page, 'image-flow-02-new-project');
  await page.click(tid('create-project'));
  await page.waitForURL(`**/projects/${name}/ontology`);
  await page.waitForSelector(tid('ontology-empty'));
}

/** Types into one attribute row of class `cls` (attribute `attr`) in the ontology editor. */
async function attribute(
  page: Page,
  cls: number,
  attr: number,
  def: { id: string; name: string; type: 'boolean' | 'enum'; required: boolean; options?: string },
) {
  const at = (field: string) => tid(`attr-${field}-${cls}-${attr}`);
  await page.click(tid(`attr-add-${cls}`));
  await page.fill(at('id'), def.id);
  await page.fill(at('name'), def.name);
  await page.selectOption(at('type'), def.type);
  if (def.required) await page.check(at('required'));
  if (def.options !== undefined) await page.fill(at('options'), def.options);
}

/**
 * Draft v1 in the editor: class 0 `person` (box), class 1 `car` (box) with a required boolean `occluded`
 * and an optional enum `color`; save, then publish (with its in-page confirmation).
 */
export async function buildOntology(page: Page): Promise<void> {
  await page.click(tid('ontology-new-draft'));
  await page.waitForSelector(tid('ontology-workspace-1'));
  await page.click(tid('class-add'));
  await page.fill(tid('class-id-0'), 'person');
  await page.fill(tid('class-name-0'), 'Person');
  await page.click(tid('class-add'));
  await page.fill(tid('class-id-1'), 'car');
  await page.fill(tid('class-name-1'), 'Car');
  for (const index of [0, 1]) expect(await page.isChecked(tid(`class-geom-${index}-box`))).toBe(true);
  await attribute(page, 1, 0, { id: 'occluded', name: 'Occluded', type: 'boolean', required: true });
  await attribute(page, 1, 1, {
    id: 'color',
    name: 'Color',
    type: 'enum',
    required: false,
    options: 'red, blue, white',
  });
  await page.click(tid('ontology-save'));
  await expect.poll(() => page.textContent(tid('ontology-status')), POLL).toBe('Saved v1.');
  await screenshot(page, 'image-flow-03-ontology-editor');
  await page.click(tid('ontology-publish'));
  await page.click(tid('ontology-publish-confirm'));
  await expect.poll(() => page.textContent(tid('ontology-status')), POLL).toMatch(/^Published v1/);
  await expect.poll(() => page.textContent(tid('ontology-current')), POLL).toBe('New tasks use v1.');
}
