import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshot, watchPageErrors } from './browser';
import { type E2eServer, startE2eServer, WEB_DIR } from './e2e-server';

describe.runIf(browserAvailable(WEB_DIR))('signing in (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer({ ada: 'annotator' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refuses a wrong password with a message, then signs in and survives a reload', async () => {
    const page = await browser.newPage();
    const errors = watchPageErrors(page);
    const ada = server.users.ada!;
    await page.goto(`${server.url}/projects/none/label`);
    await page.fill('input[name=email]', ada.email);
    await page.fill('input[name=password]', 'wrong password!!');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('[role=alert]').textContent()).toMatch(/email or password/i);
    await screenshot(page, 'sign-in-refused');
    await page.fill('input[name=password]', ada.password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=who]');
    expect(await page.textContent('[data-testid=who]')).toContain('annotator');
    await page.reload();
    await page.waitForSelector('[data-testid=who]');
    await screenshot(page, 'signed-in');
    await page.click('text=Sign out');
    await page.waitForSelector('input[name=email]');
    expect(errors).toEqual([]);
  });
});
