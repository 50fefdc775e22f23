import type { Browser, BrowserContext, Page } from 'playwright-core';
import { watchPageErrors } from './browser';
import type { E2eServer } from './e2e-server';

/** One person's browser: their own context (cookies, local storage), one page, and its errors. */
export interface SignedInPage {
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Page errors and console errors seen so far (the test asserts it stays empty). */
  readonly errors: string[];
}

/** Room for the label page's canvas (72 vh) below its toolbars. */
const VIEWPORT = { width: 1400, height: 1000 };

/** Opens a fresh context for the server's user `name` and signs in through the login form. */
export async function signIn(browser: Browser, server: E2eServer, name: string): Promise<SignedInPage> {
  const user = server.users[name];
  if (user === undefined) throw new Error(`no e2e user ${name}`);
  const context = await browser.newContext({ baseURL: server.url, viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto('/');
  await page.fill('input[name=email]', user.email);
  await page.fill('input[name=password]', user.password);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
  return { name, context, page, errors };
}
