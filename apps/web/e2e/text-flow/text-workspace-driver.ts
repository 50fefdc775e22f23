import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DIGIT, type SpanShape, sortSpans } from './news-fixtures';

/**
 * Drives the text workspace on the label page the way an annotator does: selects characters (a DOM Range
 * built from the segments' `data-offset`, or a real mouse drag over them), presses the class digit, toggles a
 * document class; and reads back the spans the page shows, offsets included (from `data-spans`).
 */

export type SelectHow = 'range' | 'drag';

/** Long enough for a busy 2-core machine, short enough to fail fast. */
export const WAIT_MS = 15_000;

export const eventually = <T>(read: () => T | Promise<T>) =>
  expect.poll(read, { timeout: WAIT_MS, interval: 100 });

const content = (page: Page): Locator => page.getByTestId('label-task').getByTestId('text-content');

/** Selects [start, end) of the task's text with a DOM Range (what a shift-click or a script selection makes). */
export async function selectRange(page: Page, start: number, end: number): Promise<void> {
  await content(page).evaluate(
    (root, [from, to]) => {
      const at = (offset: number, isEnd: boolean): { node: Node; offset: number } => {
        for (const seg of root.querySelectorAll<HTMLElement>('[data-offset]')) {
          const first = Number(seg.dataset.offset);
          const node = seg.firstChild;
          const last = first + (node?.textContent?.length ?? 0);
          const inside = isEnd ? first < offset && offset <= last : first <= offset && offset < last;
          if (node !== null && inside) return { node, offset: offset - first };
        }
        throw new Error(`no text segment holds offset ${offset}`);
      };
      const a = at(from, false);
      const b = at(to, true);
      const range = document.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    },
    [start, end] as const,
  );
}

/** The viewport box of character `offset` of the task's text. */
async function charBox(page: Page, offset: number): Promise<{ x: number; y: number; w: number; h: number }> {
  return content(page).evaluate((root, at) => {
    for (const seg of root.querySelectorAll<HTMLElement>('[data-offset]')) {
      const first = Number(seg.dataset.offset);
      const node = seg.firstChild;
      if (node === null || at < first || at >= first + (node.textContent?.length ?? 0)) continue;
      const range = document.createRange();
      range.setStart(node, at - first);
      range.setEnd(node, at - first + 1);
      const r = range.getBoundingClientRect();
      return { x: r.left, y: r.top, w: r.width, h: r.height };
    }
    throw new Error(`no text segment holds offset ${at}`);
  }, offset);
}

/** Selects [start, end) with the mouse: press on the first character's left half, release on the last's right half. */
export async function dragSelect(page: Page, start: number, end: number): Promise<void> {
  const a = await charBox(page, start);
  const b = await charBox(page, end - 1);
  await page.mouse.move(a.x + 1, a.y + a.h / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.w - 1, b.y + b.h / 2, { steps: 6 });
  await page.mouse.up();
}

/** The spans the workspace shows, with their exact offsets (from the segments that carry each span id). */
export async function shownSpans(page: Page): Promise<SpanShape[]> {
  const ranges = await content(page).evaluate((root) => {
    const found: Record<string, { start: number; end: number }> = {};
    for (const seg of root.querySelectorAll<HTMLElement>('[data-spans]')) {
      const start = Number(seg.dataset.offset);
      const end = start + (seg.textContent?.length ?? 0);
      for (const id of (seg.dataset.spans ?? '').split(' ').filter(Boolean)) {
        const known = found[id];
        found[id] =
          known === undefined
            ? { start, end }
            : { start: Math.min(known.start, start), end: Math.max(known.end, end) };
      }
    }
    return found;
  });
  const rows = page.getByTestId('span-list').locator('[data-span-id]');
  const spans: SpanShape[] = [];
  for (const row of await rows.all()) {
    const id = (await row.getAttribute('data-span-id')) ?? '';
    const range = ranges[id];
    if (range === undefined) throw new Error(`span ${id} is listed but not drawn in the text`);
    spans.push({ class_id: (await row.getAttribute('data-class')) ?? '', ...range });
  }
  return sortSpans(spans);
}

/** Draws one span: selects its characters, presses its class digit, and waits until the page shows it. */
export async function drawSpan(page: Page, span: SpanShape, how: SelectHow): Promise<void> {
  const before = (await shownSpans(page)).length;
  if (how === 'range') await selectRange(page, span.start, span.end);
  else await dragSelect(page, span.start, span.end);
  const digit = DIGIT[span.class_id];
  if (digit === undefined) throw new Error(`class ${span.class_id} has no digit`);
  await page.keyboard.press(digit);
  await eventually(async () => (await shownSpans(page)).length).toBe(before + 1);
  expect(await shownSpans(page)).toContainEqual(span);
  expect(await page.getByTestId('text-notice').textContent()).toBe('');
}

/** Toggles a document-level class on and checks the button says so. */
export async function setDocumentClass(page: Page, classId: string): Promise<void> {
  const button = page.getByTestId(`doc-class-${classId}`);
  expect(await button.getAttribute('aria-pressed')).toBe('false');
  await button.click();
  await eventually(() => button.getAttribute('aria-pressed')).toBe('true');
}

/** The task on screen: its id and text. */
export async function currentTask(page: Page): Promise<{ taskId: string; text: string }> {
  const task = page.getByTestId('label-task');
  await task.waitFor();
  const taskId = (await task.getAttribute('data-task-id')) ?? '';
  const text = (await content(page).textContent()) ?? '';
  return { taskId, text };
}

/**
 * After a submit: waits until the page shows another task (returned) or says the queue is empty (null).
 */
export async function nextTaskAfter(page: Page, previousId: string): Promise<string | null> {
  const other = page.locator(`[data-testid=label-task]:not([data-task-id="${previousId}"])`);
  const empty = page.getByTestId('queue-empty');
  await other.or(empty).first().waitFor({ timeout: WAIT_MS });
  if (await empty.isVisible()) return null;
  return other.getAttribute('data-task-id');
}
