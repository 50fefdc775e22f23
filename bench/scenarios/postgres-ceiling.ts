import { cpus } from 'node:os';
import { cpuUsage } from 'node:process';
import { openDatabase } from '@tessera/db';
import pg from 'pg';
import { type DatabaseTarget, openTarget } from '../harness/database-target';
import { verifyLifecycle } from '../harness/lifecycle-verify';
import { createBatchLoop, type HeldLease, type LoopTenant } from '../harness/pg-batch-loop';
import { withPgClient } from '../harness/postgres-server';
import { cpuSecondsOf } from '../harness/proc-status';
import { type BenchContext, fig, fmt, type Measurement, type Scenario } from '../harness/scenario';
import { lifecycleKey } from './lifecycle';

const TENANT: LoopTenant = { orgId: 'org_ceiling', projectId: 'prj_ceiling' };
const ANNOTATORS = 50;
/** Connections, each serving its share of the annotators: one lease each per round. */
const CONNECTIONS = 2;
const PER_ROUND = ANNOTATORS / CONNECTIONS;

const tasksFor = (ctx: BenchContext) => (ctx.options.smoke ? 500 : 20_000);
const engineKey = (what: string) =>
  lifecycleKey({ db: 'postgres', processes: 1, client: 'sdk', calls: 'combined' }, 1, what);

/** Tessera's schema (its migrations), one organization, project and 50 members, and `tasks` queued image tasks. */
async function seed(url: string, tasks: number): Promise<void> {
  const db = await openDatabase({ kind: 'postgres', url });
  await db.close();
  await withPgClient(url, async (c) => {
    const now = Date.now();
    const { orgId, projectId } = TENANT;
    await c.query('INSERT INTO orgs VALUES ($1, $2, $3)', [orgId, 'ceiling', now]);
    await c.query(
      `INSERT INTO users SELECT 'usr_' || i, $1, 'u' || i || '@example.test', 'u', 'annotator', $2
        FROM generate_series(1, ${ANNOTATORS}) i`,
      [orgId, now],
    );
    const workflow = JSON.stringify({ consensus: 1, lease_seconds: 600 });
    await c.query('INSERT INTO projects VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)', [
      projectId,
      orgId,
      'cars',
      'Cars',
      'image',
      workflow,
      now,
    ]);
    await c.query(
      `INSERT INTO project_members SELECT $1, 'usr_' || i, $2 FROM generate_series(1, ${ANNOTATORS}) i`,
      [projectId, orgId],
    );
    await c.query(
      `INSERT INTO items SELECT 'itm_' || lpad(i::text, 9, '0'), $1, 'https://example.test/' || i || '.png', NULL, 'image',
          640, 480, NULL, NULL, '{}', NULL, $2 FROM generate_series(1, $3::int) i`,
      [orgId, now, tasks],
    );
    await c.query(
      `INSERT INTO tasks (id, org_id, project_id, batch_id, item_id, type, unique_id, status, stage, priority, deadline,
          deadline_key, ontology_version, instruction, params, metadata, tags, callback_url, callback_succeeded, is_gold,
          expected_response, annotations_needed, annotations_done, leases_active, lease_seq, failed_attempts, last_error,
          final_revision, created_at, updated_at, completed_at)
        SELECT 'tsk_' || lpad(i::text, 9, '0'), $1, $2, NULL, 'itm_' || lpad(i::text, 9, '0'), 'imageannotation',
          'bench-' || i, 'pending', 'queued', 0, NULL, 9007199254740991, 1, 'Box every car', '{}', '{}', '[]', NULL, NULL,
          0, NULL, 1, 0, 0, 0, 0, NULL, 0, $3::bigint + i, $3::bigint + i, NULL
        FROM generate_series(1, $4::int) i`,
      [orgId, projectId, now, tasks],
    );
    await c.query('ANALYZE');
  });
}

interface Drained {
  readonly submitted: number;
  readonly seconds: number;
  /** CPU of every `postgres` process meanwhile, and of this process. */
  readonly postgresSeconds: number;
  readonly clientSeconds: number;
}

/**
 * Each connection's annotators lease, submit and lease again until the queue is empty (the last round only
 * submits). The connections stay open until PostgreSQL's CPU is read: a backend's CPU leaves /proc with it.
 */
async function drain(url: string): Promise<Drained> {
  let seq = 0;
  const newId = (prefix: string) => `${prefix}_${(++seq).toString().padStart(10, '0')}`;
  const annotators = Array.from({ length: ANNOTATORS }, (_, i) => `usr_${i + 1}`);
  const clients = Array.from({ length: CONNECTIONS }, () => new pg.Client({ connectionString: url }));
  try {
    await Promise.all(clients.map((c) => c.connect()));
    const postgresBefore = cpuSecondsOf('postgres');
    const ownBefore = cpuUsage();
    const t0 = performance.now();
    const done = await Promise.all(
      clients.map(async (client, k) => {
        const round = createBatchLoop(client, TENANT, PER_ROUND, newId);
        const mine = annotators.slice(k * PER_ROUND, (k + 1) * PER_ROUND);
        let submitted = 0;
        let held: HeldLease[] = await round([], mine);
        while (held.length > 0) {
          const next = await round(held, mine);
          submitted += held.length;
          held = next;
        }
        return submitted;
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const own = cpuUsage(ownBefore);
    return {
      submitted: done.reduce((a, b) => a + b, 0),
      seconds,
      postgresSeconds: cpuSecondsOf('postgres') - postgresBefore,
      clientSeconds: (own.user + own.system) / 1e6,
    };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/**
 * What a lifecycle run must leave (`verifyLifecycle`: every task completed once, its annotation, final label,
 * completion event and outbox row, no lease open), and all three events of each task.
 */
async function verify(target: DatabaseTarget, tasks: number): Promise<string> {
  const verified = await verifyLifecycle(target.location, tasks, 1);
  const url = target.databaseUrl as string;
  const events = await withPgClient(url, async (c) =>
    Number((await c.query('SELECT count(*) AS n FROM events')).rows[0]?.n),
  );
  if (events !== 3 * tasks) throw new Error(`set-based loop wrote ${events} events for ${tasks} tasks`);
  return `${verified}; ${fmt(events)} events in all`;
}

/**
 * PostgreSQL's own cost per labelled task when the loop's writes are set-based (`pg-batch-loop.ts`), on the same
 * durable server as the lifecycle runs: the figure the engine's per-task transactions are compared with.
 */
async function runCeiling(ctx: BenchContext): Promise<Measurement> {
  const tasks = tasksFor(ctx);
  const target = await openTarget(ctx, 'postgres', 'ceiling_pg_batches');
  try {
    const url = target.databaseUrl as string;
    await seed(url, tasks);
    const { submitted, seconds, postgresSeconds, clientSeconds } = await drain(url);
    const pgMs = (postgresSeconds / submitted) * 1000;
    const clientMs = ((clientSeconds / submitted) * 1000).toFixed(3);
    const verified = await verify(target, tasks);
    const cores = cpus().length;
    ctx.figures.set('ceiling.postgres.batches.tasksPerSecond', submitted / seconds);
    ctx.figures.set('ceiling.postgres.batches.postgresMsPerTask', pgMs);
    const figure =
      `${fmt(submitted / seconds)} tasks/s (${seconds.toFixed(1)} s); PostgreSQL processes ${pgMs.toFixed(3)} ms of CPU ` +
      `per task (PostgreSQL alone would cap this at ${fmt((cores * 1000) / pgMs)} tasks/s on ${cores} cores); ` +
      `this client ${clientMs} ms per task; ${verified}`;
    console.log(`  ${figure}`);
    return {
      scenario: "PostgreSQL's own cost per labelled task with set-based writes (no HTTP, no engine)",
      database: `${target.label}; ${CONNECTIONS} connections`,
      parameters:
        `${fmt(tasks)} queued tasks, ${ANNOTATORS} annotators; per transaction ${PER_ROUND} leases submitted and ${PER_ROUND} ` +
        "leased, each kind of row in one statement (bench/harness/pg-batch-loop.ts): the rows of the engine's submit with " +
        'lease_next at consensus 1',
      figure,
      peers: (f) =>
        `the engine's per-task transactions in this run (lifecycle, PostgreSQL, 1 serve process, k=1): ` +
        `${fig(f, engineKey('postgresMsPerTask'), 3)} ms of PostgreSQL CPU per task, ${fig(f, engineKey('tasksPerSecond'))} tasks/s over HTTP`,
    };
  } finally {
    await target.dispose();
  }
}

export const postgresCeilingScenarios: readonly Scenario[] = [
  { name: 'ceiling-postgres-batches', run: async (ctx) => [await runCeiling(ctx)] },
];
