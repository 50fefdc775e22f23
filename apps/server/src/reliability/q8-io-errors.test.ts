import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '@tessera/db';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForExit } from '../testing/crashable-server';
import { seedSqliteDir } from '../testing/seed-workspace';
import { type ServerProcess, spawnServer, stopServer } from '../testing/spawn-servers';
import { toolAvailable } from '../testing/system-tools';
import { duplicateAudit, sqliteIntegrity, storedAnnotations } from './crash-checks';
import { crashServerEnv } from './crash-env';
import { createHistory, type HistoryEntry } from './history';
import { checkHistory, summarize } from './history-checker';
import { infoKinds } from './history-stats';
import { FIU_RUN, fiuControl, spawnFiuServer, writeFaults } from './q8-fiu-server';
import { NIGHTLY, scale } from './scale';
import { leaseAll, runSubmits } from './submit-workload';

const SUBMITS = scale(100, 2_000);
const CLIENTS = scale(5, 20);
const PROBABILITY = 0.01;
/**
 * How long clients keep retrying. A submit whose write failed is answered 503 `database_unavailable` (SQLite
 * rolled it back), which is not stored under its Idempotency-Key, so the retry runs it again. (Found here:
 * it used to be a stored 500, replayed to every retry for 24 h.)
 */
const RETRY_FOR_MS = scale(6_000, 60_000);
/** CI runs the random-errno variant; nightly runs ENOSPC too. */
const FAULTS = writeFaults('posix/io/rw/pwrite', PROBABILITY).slice(0, NIGHTLY ? 2 : 1);

/** Answers by HTTP status class, from the history (a 2xx is `ok`; 5xx and network errors are `info`). */
function answers(entries: readonly HistoryEntry[]) {
  const info = entries.filter((e) => e.type === 'info');
  return {
    ok: entries.filter((e) => e.type === 'ok').length,
    fail: entries.filter((e) => e.type === 'fail').length,
    status5xx: info.filter((e) => /^5\d\d /.test(e.error ?? '')).length,
    other: info.filter((e) => !/^5\d\d /.test(e.error ?? '')).length,
  };
}

/** The server's logged errors by message (what the 5xx answers were). */
function errorKinds(logFile: string): string {
  const counts = new Map<string, number>();
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (line === '') continue;
    const entry = JSON.parse(line) as { err?: { message?: string; code?: string }; msg?: string };
    const kind = `${entry.err?.code ?? ''} ${entry.err?.message ?? entry.msg ?? ''}`.trim().slice(0, 100);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n}× ${k}`).join('; ') || 'none';
}

/** A serve process on the same data, without faults: it starts, answers, and is still up a while later. */
async function restartsCleanly(dir: string): Promise<boolean> {
  const server = await spawnServer(crashServerEnv({ TESSERA_DATA: dir }));
  try {
    const first = await fetch(`${server.url}/healthz`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const second = await fetch(`${server.url}/healthz`);
    return first.status === 200 && second.status === 200 && server.child.exitCode === null;
  } finally {
    await stopServer(server);
  }
}

describe.skipIf(!toolAvailable(FIU_RUN))('Q8 injected write errors, SQLite serve under fiu-run', () => {
  const dirs: string[] = [];
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server) await stopServer(server);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it.each(FAULTS.map((f) => [f.name, f] as const))(
    `%s at ${PROBABILITY * 100}%: ${SUBMITS} keyed submits; failed writes 5xx, none lost, integrity ok, no crash`,
    async (_name, fault) => {
      const dir = mkdtempSync(join(tmpdir(), 'tessera-q8-'));
      dirs.push(dir);
      const seeded = await seedSqliteDir(dir, {
        annotators: CLIENTS,
        tasks: SUBMITS,
        workflow: { lease_seconds: 3600 },
      });
      // The log goes through write(2), which the pwrite faults leave alone.
      const logFile = join(dir, 'server.log');
      const current = await spawnFiuServer(
        crashServerEnv({ TESSERA_DATA: dir, TESSERA_LOG_FILE: logFile, TESSERA_LOG_LEVEL: 'error' }),
      );
      server = current;
      let stopping = false;
      let unexpectedExits = 0;
      current.child.once('exit', () => {
        if (!stopping) unexpectedExits += 1;
      });
      const target = {
        url: () => current.url,
        ready: async () => {
          if (unexpectedExits > 0) throw new Error(`the server died: ${current.stderr().slice(-2000)}`);
        },
      };
      const plans = await leaseAll(target, seeded.annotators, seeded.project, SUBMITS / CLIENTS);
      expect(plans.flat()).toHaveLength(SUBMITS);

      const history = createHistory(join(dir, 'history.jsonl'));
      await fiuControl(current.pid, fault.enable);
      await runSubmits(plans, {
        target,
        history,
        deadline: Date.now() + RETRY_FOR_MS,
        retryDelayMs: 50,
        idPrefix: `q8-${fault.name.replace(/\W/g, '')}`,
      });
      if (current.child.exitCode === null) await fiuControl(current.pid, fault.disable);
      await history.close();
      const seen = answers(history.entries());
      console.log(`[Q8 ${fault.name}] ${JSON.stringify(seen)}; ${infoKinds(history.entries())}`);
      console.log(`[Q8 ${fault.name}] server errors: ${errorKinds(logFile)}`);

      expect(unexpectedExits, 'the server died under write errors').toBe(0);
      stopping = true;
      await stopServer(current);
      await waitForExit(current);
      server = undefined;
      expect(await restartsCleanly(dir), 'a clean restart on the same data stays up').toBe(true);

      const client = openSqlite({ path: join(dir, 'tessera.db') });
      try {
        const report = checkHistory(history.entries(), await storedAnnotations(client));
        console.log(`[Q8 ${fault.name}] ${summarize(report)}`);
        // Every failed write answered 5xx (or dropped the connection), never 2xx: an acknowledged submit
        // that is not stored would be `lost`.
        expect(report.lost).toEqual([]);
        expect(report.valid, summarize(report)).toBe(true);
        expect(report.acknowledged, 'submits got through between the faults').toBeGreaterThan(0);
        expect(seen.status5xx, 'the faults were hit (some writes failed)').toBeGreaterThan(0);
        expect(await sqliteIntegrity(client)).toEqual({ integrity: ['ok'], foreignKeys: [] });
        expect(await duplicateAudit(client)).toEqual({ duplicates: [], uniqueIndex: true });
      } finally {
        await client.close();
      }
    },
    scale(60_000, 600_000),
  );
});
