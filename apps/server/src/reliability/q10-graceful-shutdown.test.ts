import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, TesseraApiError } from '@tessera/client';
import { openSqlite } from '@tessera/db';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForExit } from '../testing/crashable-server';
import { markedBox } from '../testing/marked-box';
import { seedSqliteDir } from '../testing/seed-workspace';
import { slowUpload } from '../testing/slow-upload';
import { type ServerProcess, spawnServer } from '../testing/spawn-servers';
import { duplicateAudit, sqliteIntegrity, storedAnnotations } from './crash-checks';
import { crashServerEnv } from './crash-env';
import { createHistory, type History } from './history';
import { checkHistory, summarize } from './history-checker';
import { leaseAll, type PlannedSubmit } from './submit-workload';

const CLIENTS = 20;
const PER_CLIENT = 100;
const DRAIN_MS = 2_000;

/** Every answer seen after SIGTERM that was not a 2xx: its status and Retry-After, or the network error. */
interface Refusal {
  readonly status: number;
  readonly retryAfterMs: number | null;
}

/** Submits until the list is done or the server refuses connections; records 503s and odd statuses. */
async function submitUntilGone(
  baseUrl: string,
  plans: readonly PlannedSubmit[],
  history: History,
  seen: Refusal[],
) {
  for (const plan of plans) {
    const client = createClient({ baseUrl, apiKey: plan.apiKey, retries: 0 });
    for (;;) {
      const attempt = history.invoke(
        plan.process,
        'submit',
        `q10-${plan.taskId}`,
        `${plan.taskId}#${plan.token}`,
      );
      try {
        const res = await client.submitAnnotation(
          { task_id: plan.taskId, token: plan.token, annotations: markedBox(plan.process) },
          { idempotencyKey: `q10-${plan.taskId}` },
        );
        attempt.ok(res.annotation_id);
        break;
      } catch (error) {
        if (error instanceof TesseraApiError) {
          seen.push({ status: error.status, retryAfterMs: error.retryAfterMs });
          attempt.info(`${error.status} ${error.code}`);
        } else {
          const message = (error as Error).message;
          attempt.info(message);
          if (message.includes('ECONNREFUSED')) return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
}

describe('Q10 graceful shutdown under load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-q10-'));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null)
      process.kill(server.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it(`SIGTERM under load: in-flight requests finish or get 503 + Retry-After within the ${DRAIN_MS} ms drain; nothing acknowledged is lost; exit 0`, async () => {
    const path = join(dir, 'tessera.db');
    const seeded = await seedSqliteDir(dir, {
      annotators: CLIENTS,
      tasks: CLIENTS * PER_CLIENT,
      workflow: { lease_seconds: 3600 },
    });
    const env = crashServerEnv({ TESSERA_DATA: dir, TESSERA_DRAIN_TIMEOUT_MS: String(DRAIN_MS) });
    server = await spawnServer(env);
    const live = server;
    const plans = await leaseAll(
      { url: () => live.url, ready: async () => undefined },
      seeded.annotators,
      seeded.project,
      PER_CLIENT,
    );
    const history = createHistory(join(dir, 'history.jsonl'));
    const refusals: Refusal[] = [];
    const upload = slowUpload(server.url, seeded.adminKey, seeded.project);
    const load = Promise.all(plans.map((list) => submitUntilGone(live.url, list, history, refusals)));
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const termAt = Date.now();
    process.kill(server.pid, 'SIGTERM');
    const exit = await waitForExit(server, DRAIN_MS + 10_000);
    const exitedAfter = Date.now() - termAt;
    await load;
    const slow = await upload;
    await history.close();

    expect(exit).toEqual({ code: 0, signal: null });
    expect(exitedAfter).toBeLessThan(DRAIN_MS + 5_000);
    expect(refusals.filter((r) => r.status !== 503 || r.retryAfterMs === null)).toEqual([]);
    expect(slow.status).toBe(503);
    expect(slow.retryAfter).not.toBeNull();
    expect(slow.endedAt - termAt).toBeLessThan(DRAIN_MS + 2_000);

    const client = openSqlite({ path });
    try {
      const report = checkHistory(history.entries(), await storedAnnotations(client));
      console.log(`[Q10] ${summarize(report)}; ${refusals.length} × 503; exit after ${exitedAfter} ms`);
      expect(report.valid, summarize(report)).toBe(true);
      expect(report.acknowledged).toBeGreaterThan(0);
      expect(await sqliteIntegrity(client)).toEqual({ integrity: ['ok'], foreignKeys: [] });
      expect(await duplicateAudit(client)).toEqual({ duplicates: [], uniqueIndex: true });
    } finally {
      await client.close();
    }
  }, 60_000);
});
