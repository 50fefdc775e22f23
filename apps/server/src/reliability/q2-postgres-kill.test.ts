import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, openPostgres, seededRandom } from '@tessera/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsafeDurabilitySettings } from '../durability-check';
import { type CrashableServer, startCrashable } from '../testing/crashable-server';
import { type DurablePostgres, postgresAvailable, startDurablePostgres } from '../testing/durable-postgres';
import { seedWorkspace } from '../testing/seed-workspace';
import { duplicateAudit, queueCounts, storedAnnotations } from './crash-checks';
import { crashServerEnv } from './crash-env';
import { createHistory } from './history';
import { checkHistory, summarize } from './history-checker';
import { infoKinds } from './history-stats';
import { scale, seedFor } from './scale';
import { faultPoints, faultSchedule, leaseAll, runSubmits } from './submit-workload';

const SUBMITS = scale(2_000, 10_000);
const CLIENTS = 50;
const SEED = seedFor(2);
const required = process.env.TESSERA_REQUIRE_PG === '1';

describe.skipIf(!postgresAvailable() && !required)(
  'Q2 kill -9 and immediate stop on PostgreSQL 15 (fsync on)',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-q2-'));
    let pg: DurablePostgres | undefined;
    let server: CrashableServer | undefined;
    beforeAll(async () => {
      pg = await startDurablePostgres();
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
      await pg?.destroy();
      rmSync(dir, { recursive: true, force: true });
    });

    it(
      `${SUBMITS} submits from ${CLIENTS} clients, SIGKILL of the API + pg_ctl stop -m immediate (seed ${SEED}): 0 lost, 0 duplicated, 0 unexpected, pg_amcheck clean`,
      async () => {
        const durable = pg as DurablePostgres;
        const db = await openDatabase({ kind: 'postgres', url: durable.url });
        expect(await unsafeDurabilitySettings(db.client)).toEqual([]);
        const seeded = await seedWorkspace(db.client, {
          annotators: CLIENTS,
          tasks: SUBMITS,
          workflow: { lease_seconds: 3600 },
        });
        await db.close();
        const logFile = join(dir, 'serve.log');
        const env = { DATABASE_URL: durable.url, TESSERA_LOG_FILE: logFile, TESSERA_LOG_LEVEL: 'warn' };
        server = await startCrashable(crashServerEnv(env));
        const plans = await leaseAll(server, seeded.annotators, seeded.project, SUBMITS / CLIENTS);
        expect(plans.flat()).toHaveLength(SUBMITS);

        const random = seededRandom(SEED);
        const points = faultPoints(random, SUBMITS, 2);
        const apiFirst = random.next() < 0.5;
        const crashable = server;
        const faults = [
          () => crashable.crash(),
          async () => {
            await durable.crash();
            await durable.start();
          },
        ];
        const schedule = faultSchedule(points, (i) =>
          (faults[apiFirst ? i : 1 - i] as () => Promise<unknown>)(),
        );
        const history = createHistory(join(dir, 'history.jsonl'));
        await runSubmits(plans, {
          target: server,
          history,
          onAck: schedule.onAck,
          deadline: Date.now() + scale(100_000, 400_000),
          idPrefix: `q2-${SEED}`,
        });
        expect(await schedule.settle()).toBe(2);
        expect(server.unexpectedExits()).toBe(0);
        await server.stop();
        server = undefined;
        await history.close();

        const client = openPostgres({ url: durable.url, poolSize: 2 });
        try {
          const report = checkHistory(history.entries(), await storedAnnotations(client));
          console.log(`[Q2 seed ${SEED}] ${summarize(report)}; ${infoKinds(history.entries())}`);
          expect(report.valid, summarize(report)).toBe(true);
          // While PostgreSQL was down, requests got 503 + Retry-After (retryable), never 500.
          expect(history.entries().filter((e) => e.error?.startsWith('500'))).toEqual([]);
          expect(report.acknowledged, summarize(report)).toBe(SUBMITS);
          expect(await duplicateAudit(client)).toEqual({ duplicates: [], uniqueIndex: true });
          expect(await queueCounts(client)).toEqual({
            submitted: SUBMITS,
            annotations: SUBMITS,
            completed: SUBMITS,
          });
        } finally {
          await client.close();
        }
        const amcheck = await durable.amcheck();
        expect(amcheck, amcheck.output).toMatchObject({ code: 0 });
        expect(readFileSync(logFile, 'utf8')).not.toContain('fsync=off');
      },
      scale(200_000, 600_000),
    );
  },
);
