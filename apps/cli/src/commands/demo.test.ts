import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCli } from '../testing/cli-process';

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-demo-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('tessera demo', () => {
  it('subprocess: sets up, prints the URL, key and logins, serves the demo, and exits 0 on SIGTERM', async () => {
    const demo = startCli(['demo', '--port', '0', '--data', dataDir]);
    await demo.waitFor(/Press Ctrl\+C to stop/, 45_000);
    const out = demo.stdout();
    const url = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    const key = /Admin API key\s+(tsr_live_\S+)/.exec(out)?.[1];
    expect(url).toBeDefined();
    expect(key).toBeDefined();
    expect(out).toMatch(/annotator@demo\.tessera\s+\S{12,}\s+\(annotator\)/);
    expect(out).toMatch(/reviewer@demo\.tessera\s+\S{12,}\s+\(reviewer\)/);
    expect(out).toContain('demo-images (300 tasks), demo-ner (100 tasks)');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const projects = await fetch(`${url}/v1/projects`, { headers: { authorization: `Bearer ${key}` } });
    expect(((await projects.json()) as { docs: unknown[] }).docs).toHaveLength(2);
    const image = await fetch(`${url}/assets/scene-0300.png`);
    expect(image.headers.get('content-type')).toBe('image/png');
    demo.child.kill('SIGTERM');
    const result = await demo.exited();
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/error|at .*\.ts/i);
  }, 90_000);
});
