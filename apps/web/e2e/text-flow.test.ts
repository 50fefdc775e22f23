import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshot } from './browser';
import { type E2eServer, startE2eServer, WEB_DIR } from './e2e-server';
import { type SignedInPage, signIn } from './signed-in-page';
import { addMembers, buildNewsOntology, createTextProject, uploadNewsTasks } from './text-flow/admin-setup';
import { labelEveryTask } from './text-flow/annotator-flow';
import { refusedSubmitKeepsWork, reloadRestoresDraft } from './text-flow/draft-scenarios';
import { watchLeases } from './text-flow/lease-watch';
import { BIOGRAPHY, consensusSpans, NEWS } from './text-flow/news-fixtures';
import { acceptEveryTask } from './text-flow/reviewer-flow';
import { seedTextProject } from './text-flow/seed-project';
import { finalShape, reviewQueueLength } from './text-flow/server-labels';
import { eventually } from './text-flow/text-workspace-driver';

/** Lease length of the project whose leases the second test lets expire (the workflow allows 5 s and up). */
const SHORT_LEASE_SECONDS = 10;

describe.runIf(browserAvailable(WEB_DIR))('text (NER) flow (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  let opened: SignedInPage[] = [];
  const open = async (name: string): Promise<SignedInPage> => {
    const signedIn = await signIn(browser, server, name);
    opened.push(signedIn);
    return signedIn;
  };
  /** Closes this test's contexts; with `check`, every page must have stayed free of page errors. */
  const closeAll = async (check: boolean): Promise<void> => {
    const pages = opened;
    opened = [];
    for (const p of pages) await p.context.close();
    if (check) for (const p of pages) expect(p.errors, p.name).toEqual([]);
  };

  beforeAll(async () => {
    server = await startE2eServer({
      admin: 'admin',
      ann1: 'annotator',
      ann2: 'annotator',
      rev: 'reviewer',
      dana: 'annotator',
    });
    browser = await launchBrowser();
  });
  afterEach(async ({ task }) => {
    // A failed test leaves a picture of every page it had open, for whoever reads the CI artifacts.
    if (task.result?.state === 'fail') {
      for (const p of opened) await screenshot(p.page, `text-flow-failed-${p.name}`).catch(() => undefined);
    }
    await closeAll(false);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('admin sets up a text project in the pages; two annotators label, a reviewer accepts; final spans are exact', async () => {
    const admin = await open('admin');
    await admin.page.getByTestId('projects-empty').or(admin.page.getByTestId('projects-table')).waitFor();
    await screenshot(admin.page, 'text-flow-projects');
    const project = await createTextProject(admin.page, {
      title: 'News NER',
      annotationsPerTask: 2,
      review: 'all',
    });
    await buildNewsOntology(admin.page);
    await admin.page.goto(`/projects/${project}/members`);
    const id = (name: string) => server.users[name]?.user_id ?? '';
    await addMembers(admin.page, [
      { userId: id('ann1'), role: 'annotator' },
      { userId: id('ann2'), role: 'annotator' },
      { userId: id('rev'), role: 'reviewer' },
    ]);
    await admin.page.goto(`/projects/${project}/upload`);
    expect(await uploadNewsTasks(admin.page, 'week-1')).toBe(NEWS.length);

    const first = await labelEveryTask((await open('ann1')).page, project, 0);
    const second = await labelEveryTask((await open('ann2')).page, project, 1);
    expect([...first.keys()].sort()).toEqual([...second.keys()].sort());
    expect(first.size).toBe(NEWS.length);
    await eventually(() => reviewQueueLength(admin.page.request, project)).toBe(NEWS.length);

    const accepted = await acceptEveryTask((await open('rev')).page, project, first);
    expect(accepted.sort()).toEqual([...first.keys()].sort());

    for (const [taskId, task] of first) {
      expect(await finalShape(admin.page.request, taskId), task.uniqueId).toEqual({
        spans: consensusSpans(task),
        classes: [BIOGRAPHY],
      });
    }
    await closeAll(true);
  }, 100_000);

  it('unsent work survives a reload, and a submit the server refuses (lease expired) keeps the work', async () => {
    const project = await seedTextProject(server, {
      name: 'news-drafts',
      leaseSeconds: SHORT_LEASE_SECONDS,
      tasks: NEWS.slice(0, 2),
      members: ['dana'],
    });
    const admin = await open('admin');
    const { page } = await open('dana');
    const leases = watchLeases(page);
    await page.goto(`/projects/${project}/label`);
    await page.getByTestId('start-labeling').click();
    await reloadRestoresDraft(page, admin.page.request);
    await refusedSubmitKeepsWork(page, leases, admin.page.request);
    await closeAll(true);
  }, 90_000);
});
