import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from '../browser';
import { POLL, tid } from './selectors';

/** The task open on the review page that was not accepted yet. */
async function openTask(page: Page, accepted: readonly string[]): Promise<string> {
  const handle = await page.waitForFunction(
    (seen) => {
      const id = document.querySelector('[data-testid="review-task"]')?.getAttribute('data-task-id');
      return id && !seen.includes(id) ? id : false;
    },
    accepted,
    { timeout: 20_000 },
  );
  return (await handle.jsonValue()) as string;
}

/**
 * Opens the review page, waits for `count` tasks in the queue, and accepts each one as it opens (the page
 * opens the next by itself), comparing the two annotators side by side first. Returns the accepted task ids.
 */
export async function acceptAll(page: Page, project: string, count: number): Promise<string[]> {
  await page.goto(`/projects/${project}/review`);
  await expect.poll(() => page.textContent(tid('review-count')), POLL).toBe(String(count));
  const accepted: string[] = [];
  for (let n = 0; n < count; n++) {
    const id = await openTask(page, accepted);
    const scope = `[data-testid="review-task"][data-task-id="${id}"]`;
    await expect
      .poll(
        () =>
          page.locator(`${scope} ${tid('review-side-by-side')} [data-testid^="review-annotation-"]`).count(),
        POLL,
      )
      .toBe(2);
    if (n === 0) await screenshot(page, 'image-flow-08-review');
    await page.click(`${scope} ${tid('review-accept')}`);
    accepted.push(id);
  }
  await page.waitForSelector(tid('review-idle'));
  expect(await page.textContent(tid('review-count'))).toBe('0');
  return accepted;
}
