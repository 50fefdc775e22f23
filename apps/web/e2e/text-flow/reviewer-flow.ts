import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from '../browser';
import type { NewsTask } from './news-fixtures';
import { eventually, WAIT_MS } from './text-workspace-driver';

/**
 * Checks what the review page says about the open task's two annotations: where the annotators labelled
 * different organizations, each annotation's row names the Organization span it has alone and the side-by-side
 * view marks it, each pane's text readable at the pane's width; where they agree, both rows say "nothing".
 */
async function checkDisagreements(page: Page, task: NewsTask): Promise<void> {
  const cells = page.locator('[data-testid^=review-disagreements-]');
  await eventually(() => cells.count()).toBe(2);
  const texts = await cells.allTextContents();
  if (task.otherOrg === undefined) {
    expect(texts).toEqual(['nothing', 'nothing']);
    return;
  }
  expect(texts).toEqual(['span Organization', 'span Organization']);
  const panes = page.getByTestId('review-side-by-side').locator('[data-testid^=review-annotation-]');
  expect(await panes.count()).toBe(2);
  for (const pane of await panes.all()) {
    expect(await pane.textContent()).toMatch(/1 disagreement(?!s)/);
    // Readable in a narrow pane: the text keeps most of the pane's width (the span list goes below it).
    const paneWidth = (await pane.boundingBox())?.width ?? 0;
    const textWidth = (await pane.getByTestId('text-content').boundingBox())?.width ?? 0;
    expect(textWidth).toBeGreaterThan(0.6 * paneWidth);
  }
  await screenshot(page, 'text-flow-review-disagreement');
}

/**
 * The reviewer's session: opens the review page, checks each task's comparison, accepts it, and goes on until
 * nothing is left. Returns the task ids accepted, in order.
 */
export async function acceptEveryTask(
  page: Page,
  project: string,
  tasks: ReadonlyMap<string, NewsTask>,
): Promise<string[]> {
  await page.goto(`/projects/${encodeURIComponent(project)}/review`);
  const accepted: string[] = [];
  // The page may say "idle" while its queue is still loading: wait for a task, as many times as there are.
  const open = (): ReturnType<Page['locator']> =>
    page.locator(`[data-testid=review-task]${accepted.map((id) => `:not([data-task-id="${id}"])`).join('')}`);
  for (let i = 0; i < tasks.size; i++) {
    await open().waitFor({ timeout: WAIT_MS });
    const taskId = (await open().getAttribute('data-task-id')) ?? '';
    const task = tasks.get(taskId);
    if (task === undefined) throw new Error(`the review page opened an unknown task ${taskId}`);
    await checkDisagreements(page, task);
    await page.getByTestId('review-accept').click();
    accepted.push(taskId);
  }
  await page
    .getByTestId('review-idle')
    .or(page.getByTestId('review-empty'))
    .first()
    .waitFor({ timeout: WAIT_MS });
  await screenshot(page, 'text-flow-review-done');
  return accepted;
}
