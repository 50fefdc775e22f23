import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export interface ResultRow {
  readonly scenario: string;
  readonly database: string;
  readonly parameters: string;
  readonly figure: string;
  /** Peers' figures from the same run (or the published reference when no peer runs here). */
  readonly peers: string;
}

const FILE = join(import.meta.dirname, 'RESULTS.md');
const HEADER = `# Benchmark results

Appended by the benchmark scripts (\`npm run bench\`); one row per scenario and run. Figures from a loaded
machine vary ±20 %; compare ratios within one run.

The issue's targets against the last full run, met or not: [TARGETS.md](TARGETS.md). Where a labelled task's
CPU goes, against the budget the targets leave (drawn by the last full run):

![CPU per completed task](cpu-per-task.svg)

| date | commit | CPUs | memory | node | database | scenario | parameters | figure | peers (same run) |
|---|---|---|---|---|---|---|---|---|---|
`;

/** The short commit, with `+dirty` when the code measured (packages/, apps/) differs from it. */
export function measuredCommit(): string {
  let hash: string;
  try {
    hash = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
  try {
    const changes = execFileSync('git', ['status', '--porcelain', '--', 'packages', 'apps'], {
      encoding: 'utf8',
    });
    return changes.trim() === '' ? hash : `${hash}+dirty`;
  } catch {
    return hash;
  }
}

/** Appends rows to bench/RESULTS.md with the machine, the date and the commit. */
export function appendResults(rows: readonly ResultRow[]): void {
  if (!existsSync(FILE)) writeFileSync(FILE, HEADER);
  const machine = [
    new Date().toISOString().slice(0, 16).replace('T', ' '),
    measuredCommit(),
    String(cpus().length),
    `${Math.round(totalmem() / 2 ** 30)} GiB`,
    process.version,
  ];
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = rows.map(
    (r) =>
      `| ${[...machine, r.database, r.scenario, r.parameters, r.figure, r.peers].map(cell).join(' | ')} |\n`,
  );
  appendFileSync(FILE, lines.join(''));
}
