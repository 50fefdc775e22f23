import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from '../browser';
import {
  BIOGRAPHY,
  type NewsTask,
  newsTaskOfText,
  ORG,
  PERSON,
  plannedSpans,
  sortSpans,
} from './news-fixtures';
import {
  currentTask,
  drawSpan,
  eventually,
  nextTaskAfter,
  selectRange,
  setDocumentClass,
  shownSpans,
} from './text-workspace-driver';

/**
 * Tries a span that overlaps the Person span already drawn, as an Organization: neither class allows
 * overlap, so the workspace refuses it with a message and the spans stay as they were.
 */
async function checkOverlapRefused(page: Page, person: { start: number; end: number }): Promise<void> {
  const before = await shownSpans(page);
  await selectRange(page, person.end - 3, person.end + 4);
  await page.keyboard.press('2');
  const notice = page.getByTestId('text-notice');
  await eventually(() => notice.textContent()).toMatch(/overlap a Person span/);
  // The browser may report that selection after the key press has read it; the late report keeps the notice.
  await page.evaluate(() => document.dispatchEvent(new Event('selectionchange')));
  expect(await notice.textContent()).toMatch(/overlap a Person span/);
  expect(await notice.isVisible()).toBe(true);
  await screenshot(page, 'text-flow-overlap-refused');
  expect(await shownSpans(page)).toEqual(before);
  await page.keyboard.press('Escape');
  await eventually(() => notice.textContent()).toBe('');
}

/** Labels the task on screen as annotator `which` plans it, and submits it. */
async function labelOne(page: Page, task: NewsTask, which: 0 | 1, first: boolean): Promise<void> {
  const [person, org] = plannedSpans(task, which);
  if (person === undefined || org === undefined) throw new Error('a plan has a person and an org span');
  expect(person.class_id).toBe(PERSON);
  expect(org.class_id).toBe(ORG);
  await drawSpan(page, person, 'range');
  if (first && which === 0) await checkOverlapRefused(page, person);
  // The second annotator drags with the mouse; the first selects by DOM range.
  await drawSpan(page, org, which === 1 ? 'drag' : 'range');
  await setDocumentClass(page, BIOGRAPHY);
  expect(await shownSpans(page)).toEqual(sortSpans([person, org]));
  if (first) await screenshot(page, `text-flow-label-spans-${which + 1}`);
  await page.getByTestId('submit-task').click();
}

/**
 * One annotator's whole session on the label page: starts, labels every task it is given (each text is one
 * of the uploaded news sentences) and submits until the queue is empty and every submit reached the server.
 * Returns the tasks labelled, by task id.
 */
export async function labelEveryTask(
  page: Page,
  project: string,
  which: 0 | 1,
): Promise<Map<string, NewsTask>> {
  await page.goto(`/projects/${encodeURIComponent(project)}/label`);
  await page.getByTestId('start-labeling').click();
  const done = new Map<string, NewsTask>();
  let shown: string | null = (await currentTask(page)).taskId;
  while (shown !== null) {
    const { taskId, text } = await currentTask(page);
    expect(done.has(taskId)).toBe(false);
    const task = newsTaskOfText(text);
    await labelOne(page, task, which, done.size === 0);
    done.set(taskId, task);
    shown = await nextTaskAfter(page, taskId);
  }
  await eventually(() => page.getByTestId('unsent-banner').count()).toBe(0);
  expect(await page.getByTestId('notice').count()).toBe(0);
  await screenshot(page, `text-flow-queue-empty-${which + 1}`);
  return done;
}
