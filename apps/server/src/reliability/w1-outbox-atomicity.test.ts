import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@tessera/client';
import { openSqlite, type SqlClient, seededRandom } from '@tessera/db';
import { afterAll, describe, expect, it } from 'vitest';
import { type CrashableServer, startCrashable } from '../testing/crashable-server';
import { seedSqliteDir } from '../testing/seed-workspace';
import { startVerifyingReceiver, type VerifyingReceiver } from '../testing/verifying-receiver';
import { storedAnnotations } from './crash-checks';
import { crashServerEnv } from './crash-env';
import { createHistory } from './history';
import { checkHistory, summarize } from './history-checker';
import { scale, seedFor } from './scale';
import { faultPoints, faultSchedule, leaseAll, runSubmits } from './submit-workload';

const COMMITS = scale(1_000, 10_000);
const CLIENTS = 20;
const SEED = seedFor(11);

/** What the receiver saw, against the outbox rows that committed. */
function compare(committed: ReadonlyMap<string, string>, receiver: VerifyingReceiver) {
  const bodies = new Map<string, Set<string>>();
  const idsPerTask = new Map<string, Set<string>>();
  for (const d of receiver.deliveries) {
    bodies.set(d.webhookId, (bodies.get(d.webhookId) ?? new Set()).add(d.body));
    const taskId = String((JSON.parse(d.body) as { task_id?: unknown }).task_id);
    idsPerTask.set(taskId, (idsPerTask.get(taskId) ?? new Set()).add(d.webhookId));
  }
  return {
    missing: [...committed.keys()].filter((id) => !bodies.has(id)),
    neverCommitted: [...bodies.keys()].filter((id) => !committed.has(id)),
    unverified: receiver.deliveries.filter((d) => !d.verified).length,
    /** A redelivery must be the same message: same webhook-id, same bytes; one id per task's completion. */
    changedOnRetry: [...bodies].filter(([, set]) => set.size > 1).map(([id]) => id),
    twoIdsForOneEvent: [...idsPerTask].filter(([, set]) => set.size > 1).map(([task]) => task),
    duplicates: receiver.deliveries.length - bodies.size,
  };
}

/** The serve process (webhooks on, short job lease) and a receiver that kills it mid-delivery once. */
async function startRig(dir: string, killAtDelivery: number) {
  let crashable: CrashableServer | undefined;
  const receiver = await startVerifyingReceiver(async (n) => {
    if (n === killAtDelivery) await crashable?.crash(); // the sender dies between its POST and its record
  });
  const env = {
    TESSERA_DATA: dir,
    TESSERA_SSRF_ALLOWLIST: '127.0.0.1',
    TESSERA_JOB_LEASE_MS: '3000',
    TESSERA_WEBHOOK_TIMEOUT_MS: '2000',
  };
  const server = await startCrashable(crashServerEnv(env));
  crashable = server;
  return { receiver, server };
}

/** Kills on acknowledgement points: right after one (before its fan-out), and after a seeded delay. */
function ackFaults(server: CrashableServer, path: string, delayMs: number) {
  const state = { undispatchedAtKill: -1 };
  const countUndispatched = async () => {
    const probe = openSqlite({ path });
    const [row] = await probe.all<{ n: number }>(
      'SELECT COUNT(*) AS n FROM outbox WHERE dispatched_at IS NULL',
    );
    state.undispatchedAtKill = Number(row?.n);
    await probe.close();
  };
  const faults = [
    () => server.crash(countUndispatched),
    async () => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await server.crash();
    },
  ];
  return { state, fault: (i: number) => (faults[i] as () => Promise<unknown>)() };
}

/** The committed `task.completed` outbox rows (message id → task), once every one reached the receiver. */
async function awaitDelivered(reader: SqlClient, receiver: VerifyingReceiver): Promise<Map<string, string>> {
  const rows = await reader.all<{ id: string; task_id: string }>(
    "SELECT id, task_id FROM outbox WHERE event_type = 'task.completed'",
  );
  const committed = new Map(rows.map((r) => [r.id, r.task_id]));
  const deadline = Date.now() + scale(90_000, 400_000);
  while (compare(committed, receiver).missing.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return committed;
}

describe('W1 outbox atomicity under SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-w1-'));
  let server: CrashableServer | undefined;
  let receiver: VerifyingReceiver | undefined;
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `${COMMITS} label commits, SIGKILL right after a commit, at a random moment and mid-delivery (seed ${SEED}): every committed event delivered ≥ 1×, nothing else`,
    async () => {
      const path = join(dir, 'tessera.db');
      const seeded = await seedSqliteDir(dir, {
        annotators: CLIENTS,
        tasks: COMMITS,
        workflow: { lease_seconds: 3600 },
      });
      const random = seededRandom(SEED);
      ({ receiver, server } = await startRig(dir, 20 + Math.floor(random.next() * 200)));
      const admin = createClient({ baseUrl: server.url(), apiKey: seeded.adminKey });
      receiver.setSecret(
        (await admin.createWebhook({ url: receiver.url, event_types: ['task.completed'] })).secret,
      );
      const plans = await leaseAll(server, seeded.annotators, seeded.project, COMMITS / CLIENTS);
      const history = createHistory(join(dir, 'history.jsonl'));
      const faults = ackFaults(server, path, Math.floor(random.next() * 300));
      const schedule = faultSchedule(faultPoints(random, COMMITS, 2), faults.fault);
      const deadline = Date.now() + scale(100_000, 400_000);
      await runSubmits(plans, { target: server, history, onAck: schedule.onAck, deadline, idPrefix: 'w1' });
      expect(await schedule.settle()).toBe(2);
      await history.close();

      const reader = openSqlite({ path });
      try {
        const committed = await awaitDelivered(reader, receiver);
        expect(new Set(committed.values()).size).toBe(COMMITS); // one completion event per task
        expect(server.crashes()).toBe(3);
        expect(server.unexpectedExits()).toBe(0);
        expect(faults.state.undispatchedAtKill).toBeGreaterThan(0); // a kill fell between commit and dispatch
        const seen = compare(committed, receiver);
        const counts = `${receiver.deliveries.length} deliveries, ${seen.duplicates} redelivered`;
        console.log(
          `[W1 seed ${SEED}] ${counts}, ${faults.state.undispatchedAtKill} undispatched at the first kill`,
        );
        expect(seen).toMatchObject({
          missing: [],
          neverCommitted: [],
          unverified: 0,
          changedOnRetry: [],
          twoIdsForOneEvent: [],
        });
        const report = checkHistory(history.entries(), await storedAnnotations(reader));
        expect(report.valid, summarize(report)).toBe(true);
        expect(report.acknowledged).toBe(COMMITS);
      } finally {
        await reader.close();
      }
    },
    scale(240_000, 900_000),
  );
});
