import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@tessera/client';
import { openSqlite } from '@tessera/db';
import { afterAll, describe, expect, it } from 'vitest';
import { seedSqliteDir } from '../testing/seed-workspace';
import { type ServerProcess, spawnServer, stopServer } from '../testing/spawn-servers';
import { spawnWorker, type WorkerProcess } from '../testing/worker-process';
import { crashServerEnv } from './crash-env';

const LEASE_SECONDS = 5;

interface LeaseBody {
  leases: { token: number; expires_at: string; task: { task_id: string } }[];
}

/** The task's stored labels (authors) and its leases in order. */
async function storedAttempts(path: string, taskId: string) {
  const client = openSqlite({ path });
  try {
    const labels = await client.all('SELECT author_id FROM annotations WHERE task_id = ?', [taskId]);
    const attempts = await client.all(
      'SELECT token, status, annotator_id FROM assignments WHERE task_id = ? ORDER BY leased_at, token',
      [taskId],
    );
    return { labels, attempts };
  } finally {
    await client.close();
  }
}

describe('Q3 zombie worker: a stalled lease holder is fenced by its token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-q3-'));
  let server: ServerProcess | undefined;
  const workers: WorkerProcess[] = [];
  afterAll(async () => {
    for (const w of workers) {
      if (w.child.exitCode === null) process.kill(w.pid, 'SIGKILL');
    }
    if (server) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('A is SIGSTOPped past its lease, B leases (higher token) and submits; A resumes: 409 stale_lease, one label (B)', async () => {
    const seeded = await seedSqliteDir(dir, {
      annotators: 2,
      tasks: 1,
      workflow: { lease_seconds: LEASE_SECONDS, annotations_per_task: 1 },
    });
    server = await spawnServer(crashServerEnv({ TESSERA_DATA: dir }));
    const [a, b] = [seeded.annotators[0]!, seeded.annotators[1]!];
    const workerA = await spawnWorker(server.url, a.key);
    const workerB = await spawnWorker(server.url, b.key);
    workers.push(workerA, workerB);

    const leaseA = await workerA.send({ op: 'lease', project: seeded.project });
    const heldA = (leaseA.ok ? (leaseA.body as unknown as LeaseBody).leases : [])[0];
    expect(heldA).toBeDefined();
    const { task_id: taskId } = heldA?.task ?? { task_id: '' };
    process.kill(workerA.pid, 'SIGSTOP');
    const waitMs = Date.parse(heldA?.expires_at ?? '') - Date.now() + 300;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitMs)));

    const leaseB = await workerB.send({ op: 'lease', project: seeded.project });
    const heldB = (leaseB.ok ? (leaseB.body as unknown as LeaseBody).leases : [])[0];
    expect(heldB?.task.task_id).toBe(taskId);
    expect(heldB?.token).toBeGreaterThan(heldA?.token ?? Number.POSITIVE_INFINITY);
    const submitB = await workerB.send({ op: 'submit', task_id: taskId, token: heldB?.token, mark: 2 });
    expect(submitB.ok).toBe(true);

    const lateSubmit = workerA.send({ op: 'submit', task_id: taskId, token: heldA?.token, mark: 1 });
    process.kill(workerA.pid, 'SIGCONT');
    expect(await lateSubmit).toEqual({ ok: false, status: 409, code: 'stale_lease' });
    expect(await workerA.send({ op: 'heartbeat', task_id: taskId, token: heldA?.token })).toEqual({
      ok: false,
      status: 409,
      code: 'stale_lease',
    });

    const admin = createClient({ baseUrl: server.url, apiKey: seeded.adminKey });
    const events = await admin.listEvents({ task_id: taskId });
    const leased = events.docs.filter((e) => e.type === 'task.leased').map((e) => e.data.token);
    expect(leased).toEqual([heldA?.token, heldB?.token]);
    expect(events.docs.map((e) => e.type)).toContain('task.lease_expired');
    expect((await admin.getTask({ task_id: taskId })).status).toBe('completed');

    expect(await storedAttempts(join(dir, 'tessera.db'), taskId)).toEqual({
      labels: [{ author_id: b.userId }],
      attempts: [
        { token: heldA?.token, status: 'expired', annotator_id: a.userId },
        { token: heldB?.token, status: 'submitted', annotator_id: b.userId },
      ],
    });
    expect(await workerA.close()).toBe(0);
    expect(await workerB.close()).toBe(0);
  }, 60_000);
});
