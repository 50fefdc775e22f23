import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshot, watchPageErrors } from './browser';
import { WEB_DIR } from './e2e-server';

const ROOT = join(import.meta.dirname, '..', '..', '..');

interface Demo {
  readonly child: ChildProcess;
  readonly url: string;
  readonly logins: ReadonlyMap<string, string>;
}

/** `npx tessera demo` as the README runs it (a child process of its own), until it prints its banner. */
function startDemo(dataDir: string): Promise<Demo> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'apps/cli/src/main.ts', 'demo', '--port', '0', '--data', dataDir],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TESSERA_DRAIN_TIMEOUT_MS: '1000' },
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${out}`)), 90_000);
    child.once('exit', (code) => reject(new Error(`demo exited with ${code}:\n${out}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('Press Ctrl+C to stop')) return;
      clearTimeout(timer);
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1] ?? '';
      const logins = new Map<string, string>();
      for (const m of out.matchAll(/(\S+@demo\.tessera)\s+(\S+)\s+\((\w+)\)/g))
        logins.set(m[3]!, `${m[1]} ${m[2]}`);
      resolve({ child, url, logins });
    });
  });
}

async function signIn(page: Page, demo: Demo, role: string): Promise<void> {
  const [email, password] = (demo.logins.get(role) ?? '').split(' ');
  await page.goto(demo.url);
  await page.fill('input[name=email]', email ?? '');
  await page.fill('input[name=password]', password ?? '');
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
}

describe.runIf(browserAvailable(WEB_DIR))('the README demo in Chromium', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-demo-web-'));
  let demo: Demo;
  let browser: Browser;

  beforeAll(async () => {
    demo = await startDemo(dataDir);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    demo?.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the demo logins label a text task, review it, and the dashboard counts it', async () => {
    const annotator = await browser.newPage();
    const errors = watchPageErrors(annotator);
    await signIn(annotator, demo, 'annotator');
    await annotator.click('[data-testid="start-demo-ner"]');
    await annotator.click('[data-testid=start-labeling]');
    await annotator.waitForSelector('[data-testid=text-content]');
    const taskId = (await annotator.textContent('[data-testid=task-id]'))?.trim() ?? '';
    await annotator.click('[data-testid=text-content]');
    await annotator.keyboard.press('Shift+ArrowRight');
    await annotator.keyboard.press('1');
    await annotator.waitForSelector('[data-testid=span-0]');
    await screenshot(annotator, 'demo-annotator-labels');
    await annotator.click('[data-testid=submit-task]');
    await annotator.waitForFunction(
      (previous) => document.querySelector('[data-testid=task-id]')?.textContent?.trim() !== previous,
      taskId,
    );

    const reviewer = await browser.newPage();
    errors.push(...watchPageErrors(reviewer));
    await signIn(reviewer, demo, 'reviewer');
    await reviewer.goto(`${demo.url}/projects/demo-ner/review`);
    await reviewer.waitForSelector(`[data-testid="review-task"][data-task-id="${taskId}"]`);
    await screenshot(reviewer, 'demo-reviewer');
    await reviewer.click('[data-testid=review-accept]');
    await reviewer.waitForSelector('[data-testid=review-empty]');

    const admin = await browser.newPage();
    errors.push(...watchPageErrors(admin));
    await signIn(admin, demo, 'admin');
    await admin.goto(`${demo.url}/projects/demo-ner`);
    await expect
      .poll(async () => (await admin.textContent('[data-testid=stat-completed]'))?.trim(), {
        timeout: 15_000,
      })
      .toMatch(/^1\b/);
    await screenshot(admin, 'demo-dashboard');
    const labels = await admin.request.get(`${demo.url}/v1/task/${taskId}/labels`);
    const body = (await labels.json()) as { docs: { annotations: { spans: { class_id: string }[] } }[] };
    expect(body.docs.at(-1)?.annotations.spans.map((s) => s.class_id)).toEqual(['person']);
    expect(errors).toEqual([]);
  }, 120_000);
});
