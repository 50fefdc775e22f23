import type { Browser } from 'playwright-core';
import { watchPageErrors } from '../browser';
import type { E2eServer } from '../e2e-server';
import type { SignedInPage } from '../signed-in-page';

/**
 * Signs `name` in like `signIn`, on a high-density screen (device pixel ratio 2, as most annotators' laptops):
 * the viewer then wants twice the canvas pixels per side, which is what pushes a huge page past the caps.
 */
export async function signInHiDpi(browser: Browser, server: E2eServer, name: string): Promise<SignedInPage> {
  const user = server.users[name];
  if (user === undefined) throw new Error(`no e2e user ${name}`);
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1400, height: 1000 },
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto('/');
  await page.fill('input[name=email]', user.email);
  await page.fill('input[name=password]', user.password);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
  return { name, context, page, errors };
}
