import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createEngine } from '@tessera/core';
import { createIdGenerator, createSqlStore, openSqlite, seededRandom, systemClock } from '@tessera/db';
import { afterAll, describe, expect, it } from 'vitest';
import type { LeaseRecord, ThreadInput } from '../testing/annotator-thread';
import { markedBox } from '../testing/marked-box';
import { finalLeaseAudit, leaseProbe, leaseViolations } from '../testing/queue-probes';
import { startSampler } from '../testing/sampler';
import { seedSqliteDir } from '../testing/seed-workspace';
import { scale, seedFor } from './scale';

const THREADS = scale(4, 8);
const PER_THREAD = scale(8, 16);
const TASKS = scale(1_000, 20_000);
const K = 3;
const SEED = seedFor(4);

function runThread(input: ThreadInput): Promise<LeaseRecord[]> {
  const entry = new URL('../testing/annotator-thread.ts', import.meta.url).href;
  const code = `(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(entry)}); })()`;
  const worker = new Worker(code, { eval: true, workerData: input });
  return new Promise((resolve, reject) => {
    worker.once('message', (records: LeaseRecord[]) => resolve(records));
    worker.once('error', reject);
  });
}

describe('Q4 no double lease on SQLite: one process, many connections (BEGIN IMMEDIATE)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-q4-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    `${THREADS} connections × ${PER_THREAD} annotators, ${TASKS} tasks, k = ${K}, 10% skips (seed ${SEED}): invariants hold at every sample`,
    async () => {
      const path = join(dir, 'tessera.db');
      const seeded = await seedSqliteDir(dir, {
        annotators: THREADS * PER_THREAD,
        tasks: TASKS,
        workflow: { annotations_per_task: K, lease_seconds: 3600 },
      });
      const ids = seeded.annotators.map((a) => a.userId);
      const client = openSqlite({ path });
      try {
        const sampler = startSampler(leaseProbe(client), 20);
        const records = (
          await Promise.all(
            Array.from({ length: THREADS }, (_, w) =>
              runThread({
                path,
                orgId: seeded.orgId,
                annotatorIds: ids.slice(w * PER_THREAD, (w + 1) * PER_THREAD),
                seed: SEED * 100 + w,
                skipRate: 0.1,
              }),
            ),
          )
        ).flat();
        // Skipped slots whose other annotators had all quit: finish them (no skips now).
        const engine = createEngine({
          store: createSqlStore(client),
          clock: systemClock,
          ids: createIdGenerator(),
          random: seededRandom(SEED),
        });
        for (let progress = true; progress; ) {
          progress = false;
          for (const annotatorId of ids) {
            for (const l of await engine.queue.lease({ orgId: seeded.orgId, annotatorId, count: 10 })) {
              const payload = markedBox(0);
              await engine.queue.submit({
                orgId: seeded.orgId,
                annotatorId,
                taskId: l.task.id,
                token: l.token,
                payload,
              });
              progress = true;
            }
          }
        }
        const samples = await sampler.stop();
        expect(samples.length).toBeGreaterThan(10);
        expect(leaseViolations(samples, K)).toEqual([]);
        expect(records.filter((r) => r.done + r.active > r.needed)).toEqual([]);
        const audit = await finalLeaseAudit(client, K);
        expect(audit).toEqual({ tasks: TASKS, badTokens: [], wrongCount: [], repeatedAnnotator: [] });
        const [done] = await client.all<{ n: number }>(
          "SELECT COUNT(*) AS n FROM tasks WHERE status = 'completed'",
        );
        expect(Number(done?.n)).toBe(TASKS);
      } finally {
        await client.close();
      }
    },
    scale(120_000, 900_000),
  );
});
