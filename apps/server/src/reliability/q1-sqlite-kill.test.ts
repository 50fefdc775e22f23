import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, seededRandom } from '@tessera/db';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { type CrashableServer, startCrashable } from '../testing/crashable-server';
import { seedSqliteDir } from '../testing/seed-workspace';
import { duplicateAudit, queueCounts, sqliteIntegrity, storedAnnotations } from './crash-checks';
import { crashServerEnv } from './crash-env';
import { createHistory } from './history';
import { checkHistory, summarize } from './history-checker';
import { infoKinds } from './history-stats';
import { scale, seedFor } from './scale';
import { faultPoints, faultSchedule, leaseAll, runSubmits } from './submit-workload';

const SUBMITS = scale(2_000, 10_000);
const CLIENTS = 50;
const KILLS = 3;
const SEED = seedFor(1);

describe('Q1 kill -9 during submits on SQLite (synchronous FULL, as shipped)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-q1-'));
  let server: CrashableServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `${SUBMITS} submits from ${CLIENTS} clients, SIGKILL ×${KILLS} (seed ${SEED}): 0 lost, 0 duplicated, 0 unexpected, integrity ok`,
    async () => {
      const path = join(dir, 'tessera.db');
      expect(loadConfig({ env: {} }).sqliteSynchronous).toBe('FULL'); // what ships, and what the server runs
      const seeded = await seedSqliteDir(dir, {
        annotators: CLIENTS,
        tasks: SUBMITS,
        workflow: { lease_seconds: 3600 },
      });
      server = await startCrashable(crashServerEnv({ TESSERA_DATA: dir }));
      const plans = await leaseAll(server, seeded.annotators, seeded.project, SUBMITS / CLIENTS);
      expect(plans.flat()).toHaveLength(SUBMITS);

      const history = createHistory(join(dir, 'history.jsonl'));
      const crashable = server;
      const schedule = faultSchedule(faultPoints(seededRandom(SEED), SUBMITS, KILLS), () =>
        crashable.crash(),
      );
      await runSubmits(plans, {
        target: server,
        history,
        onAck: schedule.onAck,
        deadline: Date.now() + scale(100_000, 400_000),
        idPrefix: `q1-${SEED}`,
      });
      expect(await schedule.settle()).toBe(KILLS);
      expect(server.unexpectedExits()).toBe(0);
      await server.stop();
      server = undefined;
      await history.close();

      const client = openSqlite({ path });
      try {
        const report = checkHistory(history.entries(), await storedAnnotations(client));
        console.log(`[Q1 seed ${SEED}] ${summarize(report)}; ${infoKinds(history.entries())}`);
        expect(report.valid, summarize(report)).toBe(true);
        expect(report.acknowledged, summarize(report)).toBe(SUBMITS);
        expect(await sqliteIntegrity(client)).toEqual({ integrity: ['ok'], foreignKeys: [] });
        expect(await duplicateAudit(client)).toEqual({ duplicates: [], uniqueIndex: true });
        expect(await queueCounts(client)).toEqual({
          submitted: SUBMITS,
          annotations: SUBMITS,
          completed: SUBMITS,
        });
      } finally {
        await client.close();
      }
    },
    scale(180_000, 600_000),
  );
});
