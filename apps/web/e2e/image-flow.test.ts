import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshot } from './browser';
import { type E2eServer, startE2eServer, WEB_DIR } from './e2e-server';
import { addMembers } from './image-flow/add-members';
import { taskImages } from './image-flow/api-reads';
import { expectFinalLabels } from './image-flow/check-results';
import { type FixtureImage, writeFixtureImages } from './image-flow/fixture-images';
import { labelAll } from './image-flow/label-tasks';
import { buildOntology, createProject } from './image-flow/project-setup';
import { acceptAll } from './image-flow/review-tasks';
import { POLL, tid } from './image-flow/selectors';
import { uploadImages } from './image-flow/upload-images';
import { type SignedInPage, signIn } from './signed-in-page';

const PROJECT = 'street-cars';
const BATCH = 'first-ten';

describe.runIf(browserAvailable(WEB_DIR))('the image labeling flow, end to end (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  let imageDir: string;
  let images: FixtureImage[];
  const people: SignedInPage[] = [];

  beforeAll(async () => {
    imageDir = mkdtempSync(join(tmpdir(), 'tessera-e2e-images-'));
    [server, browser, images] = await Promise.all([
      startE2eServer({ admin: 'admin', ann1: 'annotator', ann2: 'annotator', rev: 'reviewer' }),
      launchBrowser(),
      writeFixtureImages(imageDir),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (imageDir) rmSync(imageDir, { recursive: true, force: true });
  });

  const as = async (name: string): Promise<SignedInPage> => {
    const person = await signIn(browser, server, name);
    people.push(person);
    return person;
  };

  it('sets up a project, labels 10 images twice, reviews them, and exports what was drawn', async () => {
    const { users } = server;
    const admin = await as('admin');
    await createProject(admin.page, PROJECT);
    await buildOntology(admin.page);
    const staff = [users.ann1, users.ann2, users.rev].map((u) => u ?? expect.unreachable());
    await addMembers(admin.page, PROJECT, staff);
    await uploadImages(
      admin.page,
      PROJECT,
      BATCH,
      images.map((i) => i.path),
    );
    const tasks = await taskImages(admin.page, PROJECT, images);
    expect(tasks.size).toBe(images.length);

    const work = [];
    for (const [who, name] of [[0, 'ann1'] as const, [1, 'ann2'] as const]) {
      const annotator = await as(name);
      work.push({
        userId: staff[who]?.user_id ?? '',
        drawn: await labelAll(annotator.page, PROJECT, who, tasks),
      });
    }

    const reviewer = await as('rev');
    const accepted = await acceptAll(reviewer.page, PROJECT, tasks.size);
    expect(accepted.sort()).toEqual([...tasks.keys()].sort());

    await expectFinalLabels(admin.page, PROJECT, work);

    await admin.page.goto(`/projects/${PROJECT}`);
    await expect.poll(() => admin.page.textContent(tid('stat-completed')), POLL).toBe('10');
    await screenshot(admin.page, 'image-flow-09-dashboard');
    await admin.page.goto('/');
    await expect.poll(() => admin.page.textContent(tid(`available-${PROJECT}`)), POLL).toBe('0');
    expect(await admin.page.textContent(tid(`project-row-${PROJECT}`))).toContain('street-cars · image');
    await screenshot(admin.page, 'image-flow-10-projects-done');
    await admin.page.goto('/keys');
    await admin.page.waitForSelector(tid('key-create'));
    await screenshot(admin.page, 'image-flow-11-keys');

    for (const person of people) expect(person.errors, `errors on ${person.name}'s pages`).toEqual([]);
  }, 100_000);
});
