import type { Box } from '@tessera/geometry';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from '../browser';
import { type AnnotatorIndex, type Drawn, plannedAttributes, plannedBox } from './box-plan';
import { POLL, tid } from './selectors';

/** A task of the project and the image it shows (`index`: position of the image in the upload). */
export interface TaskImage {
  readonly taskId: string;
  readonly index: number;
  readonly width: number;
  readonly height: number;
}

interface Viewport {
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
}

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The next task on screen that this annotator has not labeled yet, or null once the queue is empty. */
async function nextTask(page: Page, done: readonly string[]): Promise<string | null> {
  const handle = await page.waitForFunction(
    (seen) => {
      if (document.querySelector('[data-testid="queue-empty"]') !== null) return 'empty';
      const id = document.querySelector('[data-testid="label-task"]')?.getAttribute('data-task-id');
      return id && !seen.includes(id) ? id : false;
    },
    done,
    { timeout: 20_000 },
  );
  const value = (await handle.jsonValue()) as string;
  return value === 'empty' ? null : value;
}

/**
 * The image canvas's viewport once it shows this task's image fitted: `window.__tesseraViewport` is shared by
 * every workspace, so wait until it centres an image of this size in this canvas (every test image has a
 * width and a height of its own, so the previous task's viewport never passes).
 */
async function fittedViewport(page: Page, image: TaskImage, rect: Rect): Promise<Viewport> {
  let viewport: Viewport | undefined;
  await expect
    .poll(async () => {
      viewport = await page.evaluate(() => (window as { __tesseraViewport?: Viewport }).__tesseraViewport);
      if (viewport === undefined) return false;
      const { scale, offsetX, offsetY } = viewport;
      const dx = Math.abs(offsetX - (rect.width - image.width * scale) / 2);
      const dy = Math.abs(offsetY - (rect.height - image.height * scale) / 2);
      return dx < 0.01 && dy < 0.01;
    }, POLL)
    .toBe(true);
  return viewport as Viewport;
}

/** Drags a box from its top-left to its bottom-right corner, given in image pixels. */
async function dragBox(page: Page, rect: Rect, viewport: Viewport, box: Box): Promise<void> {
  const screen = (x: number, y: number) => ({
    x: rect.x + x * viewport.scale + viewport.offsetX,
    y: rect.y + y * viewport.scale + viewport.offsetY,
  });
  const from = screen(box.x, box.y);
  const to = screen(box.x + box.w, box.y + box.h);
  const size = page.viewportSize();
  expect(size !== null && to.x < size.width && to.y < size.height, 'the box is on screen').toBe(true);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
}

/** Sets the object's attributes in the selected-object panel; `false` is set explicitly (check, uncheck). */
async function setAttributes(page: Page, scope: string, values: Record<string, string | boolean>) {
  const occluded = `${scope} ${tid('attribute-occluded')} input`;
  await page.click(occluded);
  if (values.occluded === false) await page.click(occluded);
  expect(await page.isChecked(occluded)).toBe(values.occluded);
  if (typeof values.color === 'string') {
    await page.selectOption(`${scope} ${tid('attribute-color')} select`, values.color);
  }
}

/**
 * Submitting is refused while `occluded` is missing: the list names it, the button is disabled, and Ctrl+Enter
 * from the canvas only flashes the list.
 */
async function expectSubmitBlocked(page: Page, scope: string, taskId: string): Promise<void> {
  const missing = `${scope} ${tid('missing-attributes')}`;
  await page.waitForSelector(missing);
  const paths = await page
    .locator(`${missing} ${tid('missing-item')}`)
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-path')));
  expect(paths).toEqual(['/objects/0/attributes/occluded']);
  expect(await page.isDisabled(`${scope} ${tid('submit-task')}`)).toBe(true);
  expect(await page.getAttribute(missing, 'class')).not.toContain('label-flash');
  await page.focus(`${scope} ${tid('image-canvas')}`);
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => page.getAttribute(missing, 'class'), POLL).toContain('label-flash');
  expect(await page.getAttribute(tid('label-task'), 'data-task-id')).toBe(taskId);
}

/** One task: box tool, class car (picked before drawing, or changed after it), attributes, submit. */
async function labelTask(page: Page, who: AnnotatorIndex, image: TaskImage, first: boolean): Promise<Drawn> {
  const scope = `[data-testid="label-task"][data-task-id="${image.taskId}"]`;
  const canvas = page.locator(`${scope} ${tid('image-canvas')}`);
  await canvas.scrollIntoViewIfNeeded();
  const rect = await canvas.boundingBox();
  if (rect === null) throw new Error(`task ${image.taskId}: the image canvas is not shown`);
  const viewport = await fittedViewport(page, image, rect);
  // Fit-to-screen enlarges these small images, so a screen pixel is at most an image pixel.
  expect(viewport.scale).toBeGreaterThanOrEqual(1);
  await page.click(`${scope} ${tid('tool-box')}`);
  if (who === 0) await page.click(`${scope} ${tid('class-car')}`);
  const box = plannedBox(image, who);
  await dragBox(page, rect, viewport, box);
  await expect.poll(() => page.textContent(`${scope} ${tid('object-count')}`), POLL).toBe('1');
  const selectedClass = `${scope} ${tid('selected-class')}`;
  if (who === 1) {
    expect(await page.inputValue(selectedClass)).toBe('person');
    await page.selectOption(selectedClass, 'car');
  }
  expect(await page.inputValue(selectedClass)).toBe('car');
  await expectSubmitBlocked(page, scope, image.taskId);
  if (first) await screenshot(page, `image-flow-06-label-missing-annotator-${who + 1}`);
  const attributes = plannedAttributes(image.index);
  await setAttributes(page, scope, attributes);
  await expect.poll(() => page.locator(tid('missing-attributes')).count(), POLL).toBe(0);
  expect(await page.isEnabled(tid('submit-task'))).toBe(true);
  if (first) await screenshot(page, `image-flow-07-label-drawn-annotator-${who + 1}`);
  await page.click(tid('submit-task'));
  return { box, classId: 'car', attributes };
}

/**
 * Opens the label page, starts, and labels every task the queue serves until it is empty; waits until every
 * submit has reached the server. Returns what was drawn, by task id.
 */
export async function labelAll(
  page: Page,
  project: string,
  who: AnnotatorIndex,
  tasks: ReadonlyMap<string, TaskImage>,
): Promise<Map<string, Drawn>> {
  await page.goto(`/projects/${project}/label`);
  await page.click(tid('start-labeling'));
  const drawn = new Map<string, Drawn>();
  for (let n = 0; n <= tasks.size; n++) {
    const id = await nextTask(page, [...drawn.keys()]);
    if (id === null) break;
    const image = tasks.get(id);
    if (image === undefined) throw new Error(`the queue served task ${id}, which the upload did not create`);
    drawn.set(id, await labelTask(page, who, image, n === 0));
  }
  await page.waitForSelector(tid('queue-empty'));
  await expect.poll(() => page.locator(tid('unsent-banner')).count(), POLL).toBe(0);
  await expect
    .poll(() => page.textContent(tid('queue-empty')), POLL)
    .toContain(`You submitted ${drawn.size} in this session.`);
  return drawn;
}
