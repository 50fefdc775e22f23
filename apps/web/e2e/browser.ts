import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); browsers cannot be downloaded here. */
export const CHROMIUM = process.env.TESSERA_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether browser tests can run. With TESSERA_REQUIRE_BROWSER=1 (set by `npm test`, so CI) a missing Chromium
 * or a missing web build is an error instead of a skip.
 */
export function browserAvailable(webDir: string): boolean {
  const ok = existsSync(CHROMIUM) && existsSync(join(webDir, 'index.html'));
  if (!ok && process.env.TESSERA_REQUIRE_BROWSER === '1') {
    throw new Error(
      `browser tests need ${CHROMIUM} (apt-get install chromium) and a built web app in ${webDir} ` +
        '(npm run build -w @tessera/web)',
    );
  }
  return ok;
}

/** A fresh headless Chromium: `launch` makes and deletes its own temporary profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** Where screenshots go: `.artifacts/e2e/` at the repository root (CI keeps the folder). */
export const ARTIFACTS = join(import.meta.dirname, '..', '..', '..', '.artifacts', 'e2e');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Fails the test on any uncaught page error or console error, so a broken page cannot pass by accident;
 * expected API refusals (4xx logged by the browser as failed resources) are allowed.
 */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    errors.push(`console: ${text}`);
  });
  return errors;
}
