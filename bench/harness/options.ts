import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Tiny sizes (CI keeps the harness from rotting); the figures mean nothing. */
  readonly smoke: boolean;
  /** Run only the scenarios whose name contains one of these (empty: all). */
  readonly only: readonly string[];
  /** Append rows to bench/RESULTS.md. */
  readonly write: boolean;
  /** Directory for `node --cpu-prof` profiles of every `serve` process, or null. */
  readonly cpuProfDir: string | null;
  /** Directory for per-statement timings: of every SQLite `serve` process, and from pg_stat_statements. */
  readonly sqlStatsDir: string | null;
  /** File to write this run's figures to (JSON, key → number), for `bench/ab.ts`; or null. */
  readonly figuresFile: string | null;
  /** Measured drains per lifecycle figure; the median drain is reported (smoke: 1). */
  readonly drains: number;
}

const USAGE = `npx tsx bench/run.ts [--smoke] [--only name[,name…]] [--no-write] [--cpu-prof DIR] [--sql-stats DIR] [--figures FILE] [--drains N]
  --smoke      tiny sizes, finishes in < 60 s (CI)
  --only       scenarios whose name contains one of the given words (lifecycle, pg-boss, graphile, backlog, ingest, sqlite, postgres…)
  --no-write   print the figures without appending rows to bench/RESULTS.md
  --cpu-prof   write a CPU profile of every serve process to DIR
  --sql-stats  write the time spent per SQL statement to DIR: inside every SQLite serve process, and inside
               PostgreSQL for the measured part of each PostgreSQL lifecycle and ingest run (pg_stat_statements)
  --figures    write this run's figures (key → number) as JSON to FILE (what bench/ab.ts compares)
  --drains     measured drains per lifecycle figure, the median reported (default 3; --smoke: 1)`;

/** Three drains: one slow disk flush or scheduler hiccup moves the median no more than one drain. */
const DEFAULT_DRAINS = 3;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      smoke: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      'no-write': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      'sql-stats': { type: 'string' },
      figures: { type: 'string' },
      drains: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const smoke = values.smoke ?? false;
  const drains = values.drains === undefined ? (smoke ? 1 : DEFAULT_DRAINS) : Number(values.drains);
  if (!Number.isInteger(drains) || drains < 1 || drains > 9) {
    console.error(`--drains: expected a whole number from 1 to 9, got ${values.drains}`);
    process.exit(2);
  }
  return {
    smoke,
    only: (values.only ?? []).flatMap((s) => s.split(',')).filter((s) => s !== ''),
    write: !(values['no-write'] ?? false),
    cpuProfDir: values['cpu-prof'] ?? null,
    sqlStatsDir: values['sql-stats'] ?? null,
    figuresFile: values.figures ?? null,
    drains,
  };
}

export function selected(options: BenchOptions, name: string): boolean {
  return options.only.length === 0 || options.only.some((word) => name.includes(word));
}
