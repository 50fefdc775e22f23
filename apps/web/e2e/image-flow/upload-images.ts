import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from '../browser';
import { POLL, tid } from './selectors';

/**
 * On the upload page: names a new batch, picks the image files, uploads them (one task per image), waits for
 * the summary, then finalizes the batch (staging → in_progress) so its tasks can be leased.
 */
export async function uploadImages(
  page: Page,
  project: string,
  batch: string,
  paths: readonly string[],
): Promise<void> {
  await page.goto(`/projects/${project}/upload`);
  await page.waitForSelector(tid('upload-images'));
  await page.fill(tid('batch-name'), batch);
  await page.setInputFiles(tid('upload-images'), [...paths]);
  await expect.poll(() => page.textContent(tid('upload-selection')), POLL).toBe(`${paths.length} images`);
  await page.click(tid('upload-start'));
  await page.waitForSelector(tid('upload-summary'), { timeout: 30_000 });
  expect(await page.getAttribute(tid('upload-progress'), 'data-phase')).toBe('done');
  expect(await page.textContent(tid('upload-created'))).toBe(String(paths.length));
  expect(await page.textContent(tid('upload-duplicates'))).toBe('0');
  expect(await page.textContent(tid('upload-invalid'))).toBe('0');
  expect(await page.locator(tid('upload-errors')).count()).toBe(0);
  const row = `batch-${batch}`;
  await expect.poll(() => page.textContent(tid(`${row}-status`)), POLL).toBe('staging');
  await expect
    .poll(() => page.textContent(tid(`${row}-counts`)), POLL)
    .toMatch(new RegExp(`^${paths.length} pending`));
  await screenshot(page, 'image-flow-05-upload');
  await page.click(tid(`${row}-finalize`));
  await expect.poll(() => page.textContent(tid(`${row}-status`)), POLL).toBe('in_progress');
}
