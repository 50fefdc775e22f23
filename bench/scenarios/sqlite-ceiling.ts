import { join } from 'node:path';
import { createClient } from '@tessera/client';
import Database from 'better-sqlite3';
import type { ClientKind } from '../harness/annotator-clients';
import { type CallPattern, runAnnotators } from '../harness/annotator-load';
import { openTarget } from '../harness/database-target';
import { uploadNdjson } from '../harness/ndjson-upload';
import {
  type BenchContext,
  type Figures,
  fig,
  fmt,
  type Measurement,
  type Scenario,
} from '../harness/scenario';
import { type ServeProcess, withServers } from '../harness/server-process';
import {
  type ReplayResult,
  type ReplayWindow,
  replayStatementLog,
  type SqlShare,
} from '../harness/statement-replay';
import { imageTask, seedTenant, type Tenant } from '../harness/tenant-seed';
import { lifecycleKey } from './lifecycle';

/**
 * What is timed: labelling a backlog at consensus 1 with one call per task (submit with `lease_next`) or two
 * (lease, then submit), or one bulk upload.
 */
type Work = 'lifecycle' | 'two-calls' | 'ingest';

const CALLS_PER_TASK: Record<Work, number> = { lifecycle: 1, 'two-calls': 2, ingest: 0 };

const TABLES = [
  'tasks',
  'items',
  'assignments',
  'annotations',
  'final_labels',
  'events',
  'outbox',
  'idempotency_keys',
];

interface TableCounts {
  /** "tasks 20000, items 20000, …" */
  readonly rows: string;
  /** Tasks by status, as JSON. */
  readonly statuses: string;
}

/** Row counts of the tables the work writes, and tasks by status: the replay must end where the run ended. */
function tableCounts(path: string): TableCounts {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const counts = TABLES.map(
      (t) => `${t} ${String((db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n)}`,
    );
    const statuses = db
      .prepare('SELECT status, COUNT(*) AS n FROM tasks GROUP BY status ORDER BY status')
      .all();
    return { rows: counts.join(', '), statuses: JSON.stringify(statuses) };
  } finally {
    db.close();
  }
}

async function snapshot(from: string, to: string): Promise<void> {
  const db = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await db.backup(to);
  } finally {
    db.close();
  }
}

/** The three costliest statement texts, shortened to their first words, in µs per task. */
function costliest(bySql: readonly SqlShare[], tasks: number): string {
  return bySql
    .slice(0, 3)
    .map(
      (s) =>
        `${s.sql.replace(/\s+/g, ' ').split(' ').slice(0, 3).join(' ')} ${((s.seconds * 1e6) / tasks).toFixed(0)} µs`,
    )
    .join(', ');
}

const tasksFor = (ctx: BenchContext, work: Work) =>
  work !== 'ingest' ? (ctx.options.smoke ? 200 : 20_000) : ctx.options.smoke ? 5_000 : 200_000;
const annotatorsFor = (ctx: BenchContext) => (ctx.options.smoke ? 8 : 50);

/** Does the work against the serve process; resolves with the Date.now() bounds of the part to time. */
async function doWork(
  server: ServeProcess,
  tenant: Tenant,
  work: Work,
  tasks: number,
): Promise<ReplayWindow> {
  if (work === 'ingest') {
    const from = Date.now();
    const body = await uploadNdjson(server.url, tenant.adminKey, 'cars', tasks);
    if (body.created !== tasks) throw new Error(`bulk ingest: created ${body.created} of ${tasks}`);
    return { from, to: Date.now() };
  }
  const admin = createClient({ baseUrl: server.url, apiKey: tenant.adminKey, retries: 0 });
  const lines = (function* () {
    for (let i = 0; i < tasks; i++) yield imageTask(String(i));
  })();
  await admin.bulkCreateTasks('cars', lines, { chunkLines: 5000, keepResults: false });
  const from = Date.now();
  const load = await runAnnotators({
    urls: [server.url],
    keys: tenant.annotatorKeys,
    projectsOf: () => ['cars'],
    calls: work === 'two-calls' ? 'separate' : 'combined',
  });
  if (load.submitted !== tasks) throw new Error(`annotators submitted ${load.submitted} of ${tasks}`);
  return { from, to: Date.now() };
}

/**
 * Little's law: with `connections` calls always in flight and at most `callsPerSecond` served, a call takes on
 * average at least connections ÷ callsPerSecond (p99 is above the mean).
 */
function latencyBound(work: Work, connections: number, ceiling: number): string {
  const calls = CALLS_PER_TASK[work];
  if (calls === 0) return '';
  const ms = (connections / (ceiling * calls)) * 1000;
  return `; at ${connections} connections a call waits on average ≥ ${ms.toFixed(1)} ms at this ceiling (Little's law)`;
}

function describeReplay(replay: ReplayResult, tasks: number, loggedRate: number, rows: string): string {
  const ceiling = tasks / replay.seconds;
  for (const s of replay.bySql.slice(0, 12)) {
    const text = s.sql.replace(/\s+/g, ' ').slice(0, 90);
    const perTask = ((s.seconds * 1e6) / tasks).toFixed(1).padStart(7);
    console.log(`    ${perTask} µs/task ${(s.calls / tasks).toFixed(2).padStart(6)}×  ${text}`);
  }
  return (
    `SQLite alone ${((replay.seconds * 1e6) / tasks).toFixed(1)} µs per task → ceiling ${fmt(ceiling)} tasks/s on one writer ` +
    `(${(replay.calls / tasks).toPrecision(3)} statements and ${(replay.commits / tasks).toPrecision(3)} commits per task, ` +
    `${replay.calls.toLocaleString('en-US')} replayed in ${replay.seconds.toFixed(2)} s); ` +
    `costliest: ${costliest(replay.bySql, tasks)}; ` +
    `the recorded run itself ${fmt(loggedRate)} tasks/s; replay verified: same row counts (${rows})`
  );
}

/**
 * One `serve` process on SQLite with every statement recorded (`statement-log.ts`) does the work; the log is
 * then replayed alone against a copy of the database taken before the process started (`statement-replay.ts`).
 * The replay's time for the work's statements is SQLite's own share: however fast the HTTP layer and the
 * engine became, one writer could not finish the work faster. Recording slows the logged run, which can change
 * how many requests share a group commit (larger groups, cheaper commits per task): the figure prints commits
 * per task to compare with a `--sql-stats` run.
 */
async function runCeiling(ctx: BenchContext, work: Work): Promise<Measurement> {
  const tasks = tasksFor(ctx, work);
  const target = await openTarget(ctx, 'sqlite', `ceiling_${work}`);
  try {
    const tenant = await seedTenant({
      dataDir: target.dataDir,
      projects: [{ name: 'cars', consensus: 1 }],
      annotators: work === 'ingest' ? 0 : annotatorsFor(ctx),
    });
    const live = join(target.dataDir, 'tessera.db');
    const copy = join(target.dataDir, 'replay.db');
    const log = join(target.dataDir, 'statements.ndjson');
    await snapshot(live, copy);
    const { result: window } = await withServers(
      1,
      { dataDir: target.dataDir, statementLog: log },
      async ([server]) => {
        if (server === undefined) throw new Error('no server');
        return doWork(server, tenant, work, tasks);
      },
    );
    const replay = await replayStatementLog(log, copy, window);
    const [ran, replayed] = [tableCounts(live), tableCounts(copy)];
    if (ran.rows !== replayed.rows || ran.statuses !== replayed.statuses) {
      const both = (c: TableCounts) => `${c.rows}; ${c.statuses}`;
      throw new Error(
        `replay ended elsewhere than the run:\n  run    ${both(ran)}\n  replay ${both(replayed)}`,
      );
    }
    const ceiling = tasks / replay.seconds;
    const figure =
      describeReplay(replay, tasks, tasks / ((window.to - window.from) / 1000), replayed.rows) +
      latencyBound(work, annotatorsFor(ctx), ceiling);
    ctx.figures.set(`ceiling.sqlite.${work}.tasksPerSecond`, ceiling);
    console.log(`  ${work}: ${figure}`);
    const text = WORK_TEXT[work];
    return {
      scenario: `SQLite's own ceiling: ${text.title}, its statements replayed without HTTP or engine`,
      database:
        'sqlite 3 (WAL, synchronous=FULL as shipped); statements recorded in 1 serve process, replayed on one thread',
      parameters: text.parameters(tasks, annotatorsFor(ctx)),
      figure,
      peers: text.peers,
    };
  } finally {
    await target.dispose();
  }
}

const sqliteRate = (f: Figures, client: ClientKind, calls: CallPattern) =>
  fig(f, lifecycleKey({ db: 'sqlite', processes: 1, client, calls }, 1, 'tasksPerSecond'));

const WORK_TEXT: Record<
  Work,
  {
    readonly title: string;
    readonly parameters: (tasks: number, annotators: number) => string;
    readonly peers: (f: Figures) => string;
  }
> = {
  lifecycle: {
    title: 'the labelling lifecycle, one call per task',
    parameters: (tasks, annotators) =>
      `${fmt(tasks)} tasks drained by ${annotators} annotators (SDK, submit with lease_next), consensus 1`,
    peers: (f) =>
      `SQLite 1p k=1 same run: SDK ${sqliteRate(f, 'sdk', 'combined')}, bare HTTP ${sqliteRate(f, 'http', 'combined')} tasks/s; target ≥ 10,000, floor 5,000`,
  },
  'two-calls': {
    title: 'the labelling lifecycle, two calls per task',
    parameters: (tasks, annotators) =>
      `${fmt(tasks)} tasks drained by ${annotators} annotators (SDK, lease then submit), consensus 1`,
    peers: (f) =>
      `SQLite 1p k=1 two calls same run: ${sqliteRate(f, 'sdk', 'separate')} tasks/s; lease p99 at 50 connections (backlog rows): target ≤ 10 ms`,
  },
  ingest: {
    title: 'the bulk ingest',
    parameters: (tasks) => `${fmt(tasks)} NDJSON image tasks in one POST /v1/tasks/bulk`,
    peers: (f) =>
      `SQLite ingest same run: ${fig(f, 'ingest.sqlite.tasksPerSecond')} tasks/s; target ≥ 200,000`,
  },
};

export const ceilingScenarios: readonly Scenario[] = [
  { name: 'ceiling-sqlite-lifecycle', run: async (ctx) => [await runCeiling(ctx, 'lifecycle')] },
  {
    name: 'ceiling-sqlite-two-calls',
    inSmoke: false,
    run: async (ctx) => [await runCeiling(ctx, 'two-calls')],
  },
  { name: 'ceiling-sqlite-ingest', run: async (ctx) => [await runCeiling(ctx, 'ingest')] },
];
