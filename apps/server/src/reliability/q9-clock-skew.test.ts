import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@tessera/client';
import { afterAll, describe, expect, it } from 'vitest';
import { seedSqliteDir } from '../testing/seed-workspace';
import { type ServerProcess, spawnServer, stopServer } from '../testing/spawn-servers';
import { toolAvailable } from '../testing/system-tools';
import { spawnWorker, type WorkerAnswer, type WorkerProcess } from '../testing/worker-process';
import { crashServerEnv } from './crash-env';

const LEASE_SECONDS = 5;
const SKEW_MS = 10 * 60_000;
const FAKETIME = '/usr/bin/faketime';

interface Held {
  readonly token: number;
  readonly expires_at: string;
  readonly task: { readonly task_id: string };
}

function firstLease(answer: WorkerAnswer): Held {
  const lease = answer.ok ? (answer.body.leases as Held[])[0] : undefined;
  if (lease === undefined) throw new Error(`no lease: ${JSON.stringify(answer)}`);
  return lease;
}

const sleepUntil = (at: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

describe.skipIf(!toolAvailable(FAKETIME))('Q9 clock skew: workers under faketime ±10 min', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-q9-'));
  let server: ServerProcess | undefined;
  const workers: WorkerProcess[] = [];
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.stdin?.end();
    if (server) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('leases expire by the server clock only: no early expiry for a fast worker, no resurrection for a slow one', async () => {
    const seeded = await seedSqliteDir(dir, {
      annotators: 3,
      tasks: 2,
      workflow: { lease_seconds: LEASE_SECONDS, annotations_per_task: 1 },
    });
    server = await spawnServer(crashServerEnv({ TESSERA_DATA: dir }));
    const [fast, slow, honest] = [seeded.annotators[0]!, seeded.annotators[1]!, seeded.annotators[2]!];
    const ahead = await spawnWorker(server.url, fast.key, [FAKETIME, '-f', `+${SKEW_MS / 60_000}m`]);
    const behind = await spawnWorker(server.url, slow.key, [FAKETIME, '-f', `-${SKEW_MS / 60_000}m`]);
    workers.push(ahead, behind);
    for (const [w, offset] of [
      [ahead, SKEW_MS],
      [behind, -SKEW_MS],
    ] as const) {
      const clock = await w.send({ op: 'clock' });
      const skew = (clock.ok ? Number(clock.body.now) : 0) - Date.now();
      expect(Math.abs(skew - offset)).toBeLessThan(5_000);
    }

    // Ahead by 10 min: its clock says the lease ran out long ago; the server's says it is live.
    const leasedAt = Date.now();
    const a = firstLease(await ahead.send({ op: 'lease', project: seeded.project }));
    expect(Math.abs(Date.parse(a.expires_at) - (leasedAt + LEASE_SECONDS * 1000))).toBeLessThan(2_000);
    await sleepUntil(leasedAt + (LEASE_SECONDS * 1000) / 2);
    expect((await ahead.send({ op: 'heartbeat', task_id: a.task.task_id, token: a.token })).ok).toBe(true);
    expect((await ahead.send({ op: 'submit', task_id: a.task.task_id, token: a.token, mark: 1 })).ok).toBe(
      true,
    );

    // Behind by 10 min: its clock says the lease has 10 min left; the server's says it expired.
    const b = firstLease(await behind.send({ op: 'lease', project: seeded.project }));
    await sleepUntil(Date.parse(b.expires_at) + 300);
    const late = { task_id: b.task.task_id, token: b.token };
    expect(await behind.send({ op: 'heartbeat', ...late })).toEqual({
      ok: false,
      status: 409,
      code: 'stale_lease',
    });
    expect(await behind.send({ op: 'submit', ...late, mark: 2 })).toEqual({
      ok: false,
      status: 409,
      code: 'stale_lease',
    });
    const other = createClient({ baseUrl: server.url, apiKey: honest.key });
    const retaken = (await other.leaseTasks({ project: seeded.project })).leases[0];
    expect({ task: retaken?.task.task_id, token: retaken?.token }).toEqual({
      task: b.task.task_id,
      token: b.token + 1,
    });
    expect(await ahead.close()).toBe(0);
    expect(await behind.close()).toBe(0);
  }, 60_000);
});
