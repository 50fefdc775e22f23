/**
 * `npm run bench`: every scenario of issue 6 in sequence — the labeling lifecycle over HTTP (SQLite; PostgreSQL
 * with one and three serve processes), the peers on the same PostgreSQL (pg-boss, graphile-worker), backlog
 * independence of the lease, bulk NDJSON ingestion, and the web app in headless Chromium (frame time with 2,000
 * boxes, next-task switch) — then one row per figure in bench/RESULTS.md, and after a full run the issue's
 * targets against its figures in bench/TARGETS.md.
 *
 *   npm run bench                                   # full run (~20 min on 2 cores)
 *   npx tsx bench/run.ts --smoke --no-write         # tiny sizes (< 60 s), what CI runs
 *   npx tsx bench/run.ts --only lifecycle-sqlite    # some scenarios
 *
 * PostgreSQL: the durable figures come from a second server this harness starts with fsync on (or
 * TESSERA_DURABLE_PG_URL); every scenario gets its own database on it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { cpuChartSvg } from './harness/cpu-chart';
import { startDurablePostgres } from './harness/durable-postgres';
import { type BenchOptions, parseOptions, selected } from './harness/options';
import { type PostgresServer, postgresServerAt } from './harness/postgres-server';
import { loadAverage } from './harness/proc-status';
import { report } from './harness/report';
import type { BenchContext, Figures, Measurement, Scenario } from './harness/scenario';
import { killLiveServes } from './harness/server-process';
import { measuredCommit } from './results-file';
import { backlogScenarios } from './scenarios/backlog';
import { browserScenarios } from './scenarios/browser';
import { graphileWorkerScenario } from './scenarios/graphile-worker';
import { ingestScenarios } from './scenarios/ingest';
import { lifecycleCpuBars, lifecycleScenarios } from './scenarios/lifecycle';
import { pgBossScenario } from './scenarios/pg-boss';
import { postgresCeilingScenarios } from './scenarios/postgres-ceiling';
import { ceilingScenarios } from './scenarios/sqlite-ceiling';
import { sustainedScenarios } from './scenarios/sustained';
import { targetLines, targetsMarkdown } from './scenarios/target-status';

/** Whether this run writes the pages that describe a whole run: rows written, every scenario, not the smoke. */
const fullRun = (options: BenchOptions) => options.write && !options.smoke && options.only.length === 0;

/**
 * Where a labelled task's CPU went in this run's lifecycle runs: `bench/cpu-per-task.svg` next to RESULTS.md
 * after a full run, else `bench/.tmp/cpu-per-task.svg` (a run of a few scenarios would draw only their bars).
 */
function writeCpuChart(figures: Figures, options: BenchOptions): void {
  const bars = lifecycleCpuBars(figures);
  if (bars.length === 0) return;
  const dir = fullRun(options) ? 'bench' : 'bench/.tmp';
  mkdirSync(dir, { recursive: true });
  const caption = `${new Date().toISOString().slice(0, 10)}, commit ${measuredCommit()}, node ${process.version}.`;
  writeFileSync(`${dir}/cpu-per-task.svg`, cpuChartSvg(bars, cpus().length, caption));
  console.log(`CPU per task chart: ${dir}/cpu-per-task.svg`);
}

/**
 * The targets against this run: printed always; `bench/TARGETS.md` only after a full run that writes
 * its rows (every scenario, no --only), so that page never mixes runs; otherwise `bench/.tmp/TARGETS.md`.
 */
function writeTargets(figures: Figures, options: BenchOptions): void {
  const lines = targetLines(figures);
  console.log('\n== targets');
  for (const l of lines) console.log(`  ${l.status.padEnd(12)} ${l.target}: ${l.measured} (goal ${l.goal})`);
  const dir = fullRun(options) ? 'bench' : 'bench/.tmp';
  mkdirSync(dir, { recursive: true });
  const caption = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${measuredCommit()}, ${cpus().length} CPUs, node ${process.version}`;
  writeFileSync(`${dir}/TARGETS.md`, targetsMarkdown(lines, caption));
  console.log(`targets: ${dir}/TARGETS.md`);
}

const SCENARIOS: readonly Scenario[] = [
  ...lifecycleScenarios,
  pgBossScenario,
  graphileWorkerScenario,
  ...sustainedScenarios,
  ...backlogScenarios,
  ...ingestScenarios,
  ...ceilingScenarios,
  ...postgresCeilingScenarios,
  ...browserScenarios,
];

const options = parseOptions(process.argv.slice(2));
const chosen = SCENARIOS.filter((s) => selected(options, s.name) && !(options.smoke && s.inSmoke === false));
if (chosen.length === 0) throw new Error(`no scenario matches --only ${options.only.join(',')}`);
console.log(
  `bench: ${chosen.map((s) => s.name).join(', ')}${options.smoke ? ' (smoke)' : ''}; ` +
    `${cpus().length} CPUs, node ${process.version}, load average ${loadAverage()}`,
);

const started = performance.now();
const durablePg = await startDurablePostgres({ statementStats: options.sqlStatsDir !== null });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping serve processes and the durable PostgreSQL`);
    killLiveServes();
    void durablePg.stop().finally(() => process.exit(130));
  });
}
const fastUrl = process.env.TESSERA_PG_URL;
let fastPg: PostgresServer | null = null;
const failures: string[] = [];
const measurements: Measurement[] = [];
try {
  fastPg = fastUrl ? await postgresServerAt(fastUrl) : null;
  console.log(`durable PostgreSQL: ${durablePg.label}`);
  const ctx: BenchContext = { options, durablePg, fastPg, figures: new Map() };
  for (const s of chosen) {
    const t0 = performance.now();
    console.log(`\n== ${s.name} (load average ${loadAverage()})`);
    const load = loadAverage().split(' ')[0];
    try {
      const rows = await s.run(ctx);
      measurements.push(
        ...rows.map((m) => ({ ...m, parameters: `${m.parameters}; load average ${load} at start` })),
      );
    } catch (error) {
      failures.push(`${s.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      console.error(`!! ${s.name} FAILED: ${String(error)}`);
    }
    console.log(`   (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  report(measurements, ctx.figures, options.write);
  writeCpuChart(ctx.figures, options);
  writeTargets(ctx.figures, options);
  if (options.figuresFile !== null) {
    writeFileSync(options.figuresFile, `${JSON.stringify(Object.fromEntries(ctx.figures), null, 1)}\n`);
  }
} finally {
  await durablePg.stop();
}
console.log(
  `\nbench finished in ${((performance.now() - started) / 1000).toFixed(0)} s (load average ${loadAverage()})`,
);
if (failures.length > 0) {
  console.error(
    `\n${failures.length} scenario(s) failed (the others' figures were reported):\n${failures.join('\n')}`,
  );
  process.exit(1);
}
