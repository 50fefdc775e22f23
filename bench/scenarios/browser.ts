import { existsSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { BROWSER_EMAIL, BROWSER_PASSWORD, seedBrowserBench } from '../harness/browser-seed';
import { type BenchContext, fmt, type Measurement, type Scenario } from '../harness/scenario';
import { scratchDir } from '../harness/scratch-dir';
import { withServers } from '../harness/server-process';

const CHROMIUM = process.env.TESSERA_CHROMIUM ?? '/usr/bin/chromium';
/** The page's DOM, as far as these probes read it (bench/ type-checks without the DOM library). */
interface TextNode {
  readonly textContent: string | null;
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'];

/** Nearest-rank percentile of a sample. */
function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.ceil(q * sorted.length) - 1] ?? 0);
}

async function signIn(page: Page, url: string, path: string): Promise<void> {
  await page.goto(`${url}${path}`);
  await page.fill('input[name=email]', BROWSER_EMAIL);
  await page.fill('input[name=password]', BROWSER_PASSWORD);
  await page.click('button[type=submit]');
  await page.click('[data-testid=start-labeling]');
}

/**
 * Pans with the middle button and zooms with the wheel at the cursor over the image with `boxes` boxes, one
 * input event per animation frame, then reads the workspace's own per-frame draw durations
 * (`window.__tesseraImageStats.frames`, recorded with `?bench=1`).
 */
async function measureFrames(page: Page, steps: number): Promise<{ draw: number[]; intervals: number[] }> {
  await page.waitForFunction(() => {
    const w = globalThis as unknown as { __tesseraImageStats?: { frames: number[] } };
    return w.__tesseraImageStats !== undefined && w.__tesseraImageStats.frames.length > 0;
  });
  // A string, not a function: tsx would wrap a named inner function in a helper the page does not have.
  // Delivered frames: the interval between animation frames while the page is busy (60 Hz = 16.7 ms).
  await page.evaluate(`(() => {
    window.__tesseraImageStats.frames = [];
    window.__benchIntervals = [];
    let last = -1;
    const tick = (t) => {
      if (last >= 0) window.__benchIntervals.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const box = await page.locator('[data-testid=image-canvas]').boundingBox();
  if (box === null) throw new Error('no image canvas');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down({ button: 'middle' });
  for (let i = 0; i < steps; i++) {
    await page.mouse.move(cx + Math.sin(i / 10) * 200, cy + Math.cos(i / 13) * 120);
  }
  await page.mouse.up({ button: 'middle' });
  for (let i = 0; i < steps; i++) {
    await page.mouse.move(cx + (i % 40) * 5, cy + (i % 25) * 4);
    await page.mouse.wheel(0, i % 20 < 10 ? -120 : 120);
  }
  await page.screenshot({ path: 'bench/.tmp/browser-2000-boxes.png' });
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      __tesseraImageStats: { frames: number[] };
      __benchIntervals: number[];
    };
    return { draw: g.__tesseraImageStats.frames, intervals: g.__benchIntervals };
  });
}

/** Submits `count` tasks of the `switch` project and reads the page's submit→next-task-shown times. */
async function measureSwitches(page: Page, count: number): Promise<number[]> {
  for (let i = 0; i < count; i++) {
    const before = await page.textContent('[data-testid=task-id]');
    await page.click('[data-testid=submit-task]');
    await page.waitForFunction((previous) => {
      const page = globalThis as unknown as { document: { querySelector(s: string): TextNode | null } };
      return page.document.querySelector('[data-testid=task-id]')?.textContent !== previous;
    }, before);
    await page.waitForTimeout(150); // an annotator looks at the new image before submitting it
  }
  return page.evaluate(
    () => (globalThis as unknown as { __tesseraSwitchMs?: number[] }).__tesseraSwitchMs ?? [],
  );
}

async function runBrowser(ctx: BenchContext): Promise<Measurement[]> {
  if (!existsSync(CHROMIUM))
    throw new Error(`the browser benchmark needs ${CHROMIUM} (apt-get install chromium)`);
  const boxes = 2_000;
  const switches = ctx.options.smoke ? 3 : 30;
  const steps = ctx.options.smoke ? 20 : 240;
  const dir = scratchDir('browser');
  try {
    await seedBrowserBench(dir.path, boxes, switches + 5);
    const { result } = await withServers(1, { dataDir: dir.path }, async ([server]) => {
      if (server === undefined) throw new Error('no server');
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
      try {
        const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        await signIn(page, server.url, '/projects/dense/label?bench=1');
        const frames = await measureFrames(page, steps);
        await page.goto(`${server.url}/projects/switch/label?bench=1`);
        await page.click('[data-testid=start-labeling]');
        await page.waitForSelector('[data-testid=task-id]');
        const switchMs = await measureSwitches(page, switches);
        return { frames, switchMs };
      } finally {
        await browser.close();
      }
    });
    const { frames, switchMs } = result;
    const { draw, intervals } = frames;
    const framesFigure =
      `canvas draw per frame p50 ${percentile(draw, 0.5).toFixed(1)} ms, p95 ${percentile(draw, 0.95).toFixed(1)} ms, ` +
      `max ${percentile(draw, 1).toFixed(1)} ms over ${fmt(draw.length)} redraws; frame interval p50 ` +
      `${percentile(intervals, 0.5).toFixed(1)} ms, p95 ${percentile(intervals, 0.95).toFixed(1)} ms (60 Hz = 16.7 ms)`;
    const switchFigure =
      `submit → next task shown p50 ${percentile(switchMs, 0.5).toFixed(0)} ms, p95 ` +
      `${percentile(switchMs, 0.95).toFixed(0)} ms, max ${percentile(switchMs, 1).toFixed(0)} ms over ${switchMs.length} tasks`;
    console.log(`  frames: ${framesFigure}\n  switch: ${switchFigure}`);
    const database = 'SQLite (synchronous=FULL); 1 serve process; headless Chromium (software rendering)';
    return [
      {
        scenario: 'web: pan and zoom an image with 2,000 boxes (Konva canvas)',
        database,
        parameters: `1920×1080 image, ${fmt(boxes)} pre-labelled boxes, ${steps} pan moves + ${steps} wheel zooms`,
        figure: framesFigure,
        peers: () => 'target p95 < 16 ms (draw); intervals near 16.7 ms mean no dropped frames',
      },
      {
        scenario: 'web: next-task switch with prefetch (label page)',
        database,
        parameters: `${switches} image tasks, 1920×1080 PNGs, prefetch 3, empty submissions`,
        figure: switchFigure,
        peers: () => 'target < 100 ms',
      },
    ];
  } finally {
    dir.remove();
  }
}

export const browserScenarios: readonly Scenario[] = [{ name: 'browser-web', run: runBrowser }];
