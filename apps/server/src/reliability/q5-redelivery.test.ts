import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type TesseraClient } from '@tessera/client';
import { openSqlite } from '@tessera/db';
import { afterAll, describe, expect, it } from 'vitest';
import { type CrashableServer, startCrashable } from '../testing/crashable-server';
import { markedBox } from '../testing/marked-box';
import { type ConservationSample, conservationProbe } from '../testing/queue-probes';
import { startSampler } from '../testing/sampler';
import { seedSqliteDir } from '../testing/seed-workspace';
import { crashServerEnv } from './crash-env';
import { scale } from './scale';

const TASKS = scale(200, 2_000);
const ANNOTATORS = scale(4, 20);
const LEASE_SECONDS = scale(5, 15);

interface Held {
  readonly client: TesseraClient;
  readonly taskId: string;
  readonly token: number;
  readonly expiresAt: number;
}

/**
 * All annotators lease (100 at a time, in parallel) until `want` are held or the deadline passes. With
 * `submit`, each lease is submitted as soon as it is taken (so none expires while the rest are leased).
 */
async function leaseEverything(
  clients: readonly TesseraClient[],
  want: number,
  deadline: number,
  submit = false,
): Promise<Held[]> {
  const held: Held[] = [];
  while (held.length < want && Date.now() < deadline) {
    const before = held.length;
    await Promise.all(
      clients.map(async (client) => {
        const { leases } = await client.leaseTasks({ project: 'crash', count: 100 });
        for (const l of leases) {
          const h = { client, taskId: l.task.task_id, token: l.token, expiresAt: Date.parse(l.expires_at) };
          held.push(h);
          if (submit)
            await client.submitAnnotation({ task_id: h.taskId, token: h.token, annotations: markedBox(1) });
        }
      }),
    );
    if (held.length === before) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return held;
}

const unbalanced = (s: ConservationSample) => s.created !== s.pending + s.leased + s.done + s.dead;

describe('Q5 redelivery after a crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-q5-'));
  let server: CrashableServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `SIGKILL with ${TASKS} tasks leased; past the lease all ${TASKS} are claimable again; created = pending + leased + done + dead at every sample`,
    async () => {
      const path = join(dir, 'tessera.db');
      const seeded = await seedSqliteDir(dir, {
        annotators: ANNOTATORS,
        tasks: TASKS,
        workflow: { lease_seconds: LEASE_SECONDS, annotations_per_task: 1 },
      });
      const reader = openSqlite({ path });
      const sampler = startSampler(conservationProbe(reader), 25);
      try {
        server = await startCrashable(crashServerEnv({ TESSERA_DATA: dir }));
        const live = server;
        const clients = () =>
          seeded.annotators.map((a) => createClient({ baseUrl: live.url(), apiKey: a.key }));
        const first = await leaseEverything(clients(), TASKS, Date.now() + scale(20_000, 120_000));
        expect(first).toHaveLength(TASKS);
        expect(await conservationProbe(reader)()).toMatchObject({
          created: TASKS,
          leased: TASKS,
          pending: 0,
        });

        await server.crash();
        const expiry = Math.max(...first.map((h) => h.expiresAt));
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiry - Date.now() + 200)));
        const again = await leaseEverything(clients(), TASKS, Date.now() + scale(30_000, 180_000), true);
        expect(new Set(again.map((h) => h.taskId))).toEqual(new Set(first.map((h) => h.taskId)));
        expect(again.every((h) => h.token === 2)).toBe(true);
        const samples = await sampler.stop();
        expect(samples.filter(unbalanced)).toEqual([]);
        expect(samples.every((s) => s.created === TASKS && s.dead === 0)).toBe(true);
        expect(samples.at(-1)).toMatchObject({ done: TASKS, leased: 0, pending: 0 });
        const expired = await reader.all("SELECT COUNT(*) AS n FROM assignments WHERE status = 'expired'");
        expect(expired).toEqual([{ n: TASKS }]);
      } finally {
        await reader.close();
      }
    },
    scale(90_000, 600_000),
  );
});
