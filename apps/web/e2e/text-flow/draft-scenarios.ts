import type { APIRequestContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from '../browser';
import type { LeaseWatch } from './lease-watch';
import { BIOGRAPHY, newsTaskOfText, plannedSpans, sortSpans } from './news-fixtures';
import { finalShape } from './server-labels';
import {
  currentTask,
  drawSpan,
  eventually,
  nextTaskAfter,
  setDocumentClass,
  shownSpans,
} from './text-workspace-driver';

/**
 * The label page's promises about unsent work, acted out on a project with one annotation per task and no
 * review (so a submit makes the final label at once, which `request`, an admin's session, reads back).
 */

/**
 * Part of the task on screen (a span and the document class), a reload before submitting: the page holds the
 * same leases, and the task comes back with exactly that work ("draft"). Then it is finished and submitted, and
 * the server has it. Returns the id of the task shown next.
 */
export async function reloadRestoresDraft(page: Page, request: APIRequestContext): Promise<string> {
  const one = await currentTask(page);
  const [person, org] = plannedSpans(newsTaskOfText(one.text), 0);
  if (person === undefined || org === undefined) throw new Error('a plan has two spans');
  await drawSpan(page, person, 'range');
  await setDocumentClass(page, BIOGRAPHY);
  await page.reload();
  await eventually(() => page.getByTestId('held-leases').textContent()).toMatch(/still hold 2 tasks/);
  await page.getByTestId('start-labeling').click();
  expect((await currentTask(page)).taskId).toBe(one.taskId);
  expect(await page.getByTestId('initial-source').textContent()).toBe(
    'Restored your unsent work on this task.',
  );
  expect(await shownSpans(page)).toEqual([person]);
  expect(await page.getByTestId(`doc-class-${BIOGRAPHY}`).getAttribute('aria-pressed')).toBe('true');
  await screenshot(page, 'text-flow-draft-restored');
  await drawSpan(page, org, 'drag');
  await page.getByTestId('submit-task').click();
  const next = await nextTaskAfter(page, one.taskId);
  await eventually(() => finalShape(request, one.taskId)).toEqual({
    spans: sortSpans([person, org]),
    classes: [BIOGRAPHY],
  });
  if (next === null) throw new Error('a second task should follow the first');
  return next;
}

/**
 * The task on screen fully labelled, then its heartbeats stall (held by `leases`) until its lease has expired
 * on the server, and the annotator submits: the server refuses (409 stale_lease), the page says so and keeps
 * the work. When the task is leased again it starts from the kept work, the submit goes through, and the
 * server has exactly what was drawn.
 */
export async function refusedSubmitKeepsWork(
  page: Page,
  leases: LeaseWatch,
  request: APIRequestContext,
): Promise<void> {
  const { taskId, text } = await currentTask(page);
  const planned = sortSpans(plannedSpans(newsTaskOfText(text), 0));
  for (const span of planned) await drawSpan(page, span, 'range');
  await setDocumentClass(page, BIOGRAPHY);
  await leases.hold();
  await leases.heldFor(taskId);
  const expiry = leases.expiryOf(taskId);
  if (expiry === undefined) throw new Error(`no lease expiry was seen for ${taskId}`);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiry - Date.now()) + 300));
  await page.getByTestId('submit-task').click();
  const notice = page.getByTestId('notice').filter({ hasText: taskId }).locator('span');
  await eventually(() => notice.textContent()).toBe(
    `Your lease on task ${taskId} expired before your submit reached the server; your work is kept.`,
  );
  const kept = page.locator(`[data-testid=kept-draft][data-task-id="${taskId}"]`);
  await kept.waitFor();
  expect(await kept.textContent()).toMatch(
    /3 labels, the lease expired before the submit reached the server/,
  );
  await screenshot(page, 'text-flow-stale-kept');
  await leases.release();

  // The page asks for work right after a submit, so the task is usually leased again at once; when it asked
  // too recently, "check again" asks now.
  const back = page.locator(`[data-testid=label-task][data-task-id="${taskId}"]`);
  await back.or(page.getByTestId('queue-empty')).first().waitFor();
  if (!(await back.isVisible())) await page.getByTestId('check-again').click();
  await back.waitFor();
  expect(await page.getByTestId('initial-source').textContent()).toBe(
    'Started from work kept from an earlier lease of this task.',
  );
  expect(await shownSpans(page)).toEqual(planned);
  await page.getByTestId('submit-task').click();
  await page.getByTestId('queue-empty').waitFor();
  await eventually(() => finalShape(request, taskId)).toEqual({ spans: planned, classes: [BIOGRAPHY] });
  await eventually(() => page.getByTestId('kept-draft').count()).toBe(0);
}
