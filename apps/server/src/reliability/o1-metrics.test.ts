import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { testDatabases } from '@tessera/db';
import { afterAll, describe, expect, it } from 'vitest';
import { toolAvailable } from '../testing/system-tools';
import { createTestApp, type TestApp } from '../testing/test-app';
import { scale } from './scale';

const PROMTOOL = '/usr/bin/promtool';
const REQUESTS = scale(10_000, 50_000);
const sqlite = testDatabases().filter((d) => d.dialect === 'sqlite');

/** `promtool check metrics` on an exposition text (read from stdin): exit code and what it said. */
function promtoolCheck(text: string): { status: number | null; output: string } {
  const r = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const seriesCount = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;

describe.skipIf(!toolAvailable(PROMTOOL)).each(sqlite)('O1 /metrics on $dialect', (db) => {
  let t: TestApp;
  afterAll(async () => t?.dispose());

  it(
    `passes promtool check metrics, and ${REQUESTS} requests with random ids keep it under 500 series`,
    async () => {
      t = await createTestApp(db, { rateLimit: { perSecond: 1_000_000, burst: 1_000_000 } });
      const acme = await t.tenant();
      const auth = { authorization: `Bearer ${acme.adminKey}` };
      const metrics = async () => (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
      const first = await metrics();
      expect(promtoolCheck(first)).toEqual({ status: 0, output: '' });

      const ids: string[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const id = randomUUID();
        if (i % 100 === 0) ids.push(id);
        const shapes = [
          { method: 'GET' as const, url: `/v1/task/${id}`, headers: auth },
          { method: 'GET' as const, url: `/v1/projects/${id}`, headers: auth },
          { method: 'GET' as const, url: `/nowhere/${id}?q=${id}`, headers: {} },
          {
            method: 'GET' as const,
            url: `/v1/tasks?unique_id=${id}`,
            headers: { authorization: `Bearer tsr_live_${id}` },
          },
        ];
        const res = await t.app.inject(shapes[i % shapes.length] as (typeof shapes)[number]);
        expect([401, 404]).toContain(res.statusCode);
      }
      const after = await metrics();
      expect(promtoolCheck(after)).toEqual({ status: 0, output: '' });
      expect(seriesCount(after)).toBeLessThan(500);
      expect(ids.filter((id) => after.includes(id))).toEqual([]);
    },
    scale(120_000, 600_000),
  );
});
