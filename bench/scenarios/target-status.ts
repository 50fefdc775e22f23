import type { DatabaseKind } from '../harness/database-target';
import { type Figures, fmt, ratio } from '../harness/scenario';
import { backlogKey } from './backlog';
import { GOALS, lifecycleKey, TESSERA_PG_KEY } from './lifecycle';

export type TargetStatus = 'met' | 'floor met' | 'not met' | 'not measured';

/** One target of issue 6 against this run's figures. */
export interface TargetLine {
  readonly target: string;
  readonly goal: string;
  readonly measured: string;
  readonly status: TargetStatus;
}

const SMALL = 10_000;
const LARGE = 5_000_000;
const NAME: Record<DatabaseKind, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
/** "Must not grow with the backlog": the one-connection p50 at 5M within this factor of the one at 10k. */
const FLAT_FACTOR = 1.25;
/** "Server memory flat": the second half of the upload may peak at most this much above the first half. */
const FLAT_MEMORY_MIB = 32;

const missing = (target: string, goal: string): TargetLine => ({
  target,
  goal,
  measured: '–',
  status: 'not measured',
});

function throughput(f: Figures, db: DatabaseKind, key: string, what: string): TargetLine {
  const { floor, target } = GOALS[db];
  const goal = `≥ ${fmt(target)} tasks/s (floor ${fmt(floor)})`;
  const rate = f.get(key);
  if (rate === undefined) return missing(what, goal);
  const status = rate >= target ? 'met' : rate >= floor ? 'floor met' : 'not met';
  return { target: what, goal, measured: `${fmt(rate)} tasks/s`, status };
}

function peerRatio(f: Figures, peerKey: string, what: string, least: number): TargetLine {
  const goal = `≥ ${least}× the peer`;
  const ours = f.get(TESSERA_PG_KEY);
  const theirs = f.get(peerKey);
  if (ours === undefined || theirs === undefined || theirs === 0) return missing(what, goal);
  return {
    target: what,
    goal,
    measured: `${ratio(f, TESSERA_PG_KEY, peerKey)} (${fmt(ours)} tasks/s against ${fmt(theirs)} jobs/s)`,
    status: ours / theirs >= least ? 'met' : 'not met',
  };
}

function leaseP99(f: Figures, db: DatabaseKind): TargetLine {
  const what = `Lease p99 at 50 connections, ${NAME[db]}, ${fmt(SMALL)} and ${fmt(LARGE)} queued`;
  const goal = '≤ 10 ms at both';
  const small = f.get(backlogKey(db, SMALL, 'leaseP99'));
  const large = f.get(backlogKey(db, LARGE, 'leaseP99'));
  if (small === undefined || large === undefined) return missing(what, goal);
  return {
    target: what,
    goal,
    measured: `${small.toFixed(1)} / ${large.toFixed(1)} ms`,
    status: Math.max(small, large) <= 10 ? 'met' : 'not met',
  };
}

function backlogFlat(f: Figures, db: DatabaseKind): TargetLine {
  const what = `Lease latency does not grow with the backlog, ${NAME[db]} (1 connection, p50)`;
  const goal = `${fmt(LARGE)} queued ≤ ${FLAT_FACTOR}× ${fmt(SMALL)} queued`;
  const small = f.get(backlogKey(db, SMALL, 'soloP50'));
  const large = f.get(backlogKey(db, LARGE, 'soloP50'));
  if (small === undefined || large === undefined) return missing(what, goal);
  return {
    target: what,
    goal,
    measured: `${small.toFixed(1)} → ${large.toFixed(1)} ms (${(large / small).toFixed(2)}×)`,
    status: large <= FLAT_FACTOR * small ? 'met' : 'not met',
  };
}

function ingestMemory(f: Figures, db: DatabaseKind): TargetLine {
  const what = `Ingest memory flat, ${NAME[db]} (one streamed upload)`;
  const goal = `second half's peak RSS ≤ first half's + ${FLAT_MEMORY_MIB} MiB`;
  const growth = f.get(`ingest.${db}.rssSecondHalfOverFirstMiB`);
  const peak = f.get(`ingest.${db}.peakRssMiB`);
  if (growth === undefined || peak === undefined) return missing(what, goal);
  return {
    target: what,
    goal,
    measured: `${growth > 0 ? '+' : ''}${fmt(growth)} MiB (peak ${fmt(peak)} MiB)`,
    status: growth <= FLAT_MEMORY_MIB ? 'met' : 'not met',
  };
}

/** Every target of issue 6, in the order, against this run's figures. */
export function targetLines(f: Figures): TargetLine[] {
  const sqliteKey = lifecycleKey(
    { db: 'sqlite', processes: 1, client: 'sdk', calls: 'combined' },
    1,
    'tasksPerSecond',
  );
  const ingest = f.get('ingest.sqlite.tasksPerSecond');
  const ingestGoal = '≥ 200,000 tasks/s';
  return [
    throughput(
      f,
      'sqlite',
      sqliteKey,
      'Labeling lifecycle, SQLite, consensus 1, durable (SDK, 1 serve process)',
    ),
    throughput(
      f,
      'postgres',
      TESSERA_PG_KEY,
      'Labeling lifecycle, PostgreSQL, consensus 1, durable (SDK, 3 serve processes)',
    ),
    peerRatio(f, 'graphile.default.jobsPerSecond', 'Against graphile-worker, default settings', 2.5),
    peerRatio(f, 'pgboss.batched.jobsPerSecond', 'Against pg-boss, batches of 100', 2.5),
    peerRatio(
      f,
      'pgboss.single.100000.jobsPerSecond',
      'Against pg-boss, one at a time at 100,000 queued',
      100,
    ),
    leaseP99(f, 'sqlite'),
    leaseP99(f, 'postgres'),
    backlogFlat(f, 'sqlite'),
    backlogFlat(f, 'postgres'),
    ingest === undefined
      ? missing('Bulk ingest, SQLite', ingestGoal)
      : {
          target: 'Bulk ingest, SQLite',
          goal: ingestGoal,
          measured: `${fmt(ingest)} tasks/s`,
          status: ingest >= 200_000 ? 'met' : 'not met',
        },
    ingestMemory(f, 'sqlite'),
    ingestMemory(f, 'postgres'),
  ];
}

/** The targets as a Markdown page (`bench/TARGETS.md` after a full run). */
export function targetsMarkdown(lines: readonly TargetLine[], caption: string): string {
  const met = lines.filter((l) => l.status === 'met').length;
  const measured = lines.filter((l) => l.status !== 'not measured').length;
  const rows = lines.map((l) => `| ${l.target} | ${l.goal} | ${l.measured} | ${l.status} |`);
  return [
    '# Issue 6 targets against the last full benchmark run',
    '',
    `Written by \`npm run bench\` (${caption}) from the figures of that run; every row of it is in`,
    '[RESULTS.md](RESULTS.md), and where the CPU of a labelled task goes is in [cpu-per-task.svg](cpu-per-task.svg).',
    `${met} of ${measured} measured targets met.`,
    '',
    '| target | goal | this run | status |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
