/**
 * A statement profiler for `serve` processes on SQLite (`bench/run.ts --sql-stats DIR`): wraps better-sqlite3's
 * statement methods, sums the time spent inside SQLite per SQL text, and writes the table to
 * `DIR/sql-stats-<pid>.txt` when the process exits, costliest first (the read connection's statements are
 * marked, so its snapshot COMMITs are told from the writer's group commits). It found the lease query's bound LIMIT
 * (3.4× slower than a literal one). The timing adds about 1 µs per statement: compare shares, not totals.
 * A second table counts the WAL frames the writer's commits wrote, per table and index (`wal-frames.ts`).
 * PostgreSQL statements run in the database server: `pg-statement-stats.ts` reads `pg_stat_statements` there.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createWalFrameCounter, type WalFrameCounter } from './wal-frames';

interface Totals {
  calls: number;
  ms: number;
}

type Method = (this: Database.Statement, ...params: unknown[]) => unknown;

/** One line per SQL text: total ms, calls, µs per call, and the text (whitespace folded, cut at 100). */
export function formatSqlStats(stats: ReadonlyMap<string, Totals>): string {
  const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((sum, [, t]) => sum + t.ms, 0);
  const lines = rows.map(
    ([sql, t]) =>
      `${t.ms.toFixed(0).padStart(8)} ms ${String(t.calls).padStart(9)} × ${((t.ms * 1000) / t.calls).toFixed(1).padStart(7)} µs  ${sql}`,
  );
  return [`${total.toFixed(0)} ms inside SQLite, by statement`, ...lines, ''].join('\n');
}

/** Starts counting in this process; the table is written to `dir` on exit. */
export function installSqlStats(dir: string): void {
  const stats = new Map<string, Totals>();
  const wal = new Map<string, WalFrameCounter>();
  const afterCommit = (db: Database.Database) => {
    let counter = wal.get(db.name);
    if (counter === undefined) {
      counter = createWalFrameCounter(db.name);
      wal.set(db.name, counter);
    }
    counter.afterCommit();
  };
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, Method>;
  probe.close();
  for (const name of ['run', 'all', 'get', 'iterate'] as const) {
    const original = proto[name] as Method;
    proto[name] = function timed(this: Database.Statement, ...params: unknown[]) {
      const start = process.hrtime.bigint();
      try {
        return original.apply(this, params);
      } finally {
        const text = this.source.replace(/\s+/g, ' ').slice(0, 100);
        const key = this.database.readonly ? `[read connection] ${text}` : text;
        const t = stats.get(key) ?? { calls: 0, ms: 0 };
        t.calls += 1;
        t.ms += Number(process.hrtime.bigint() - start) / 1e6;
        stats.set(key, t);
        // After the timing: reading the frame headers is the profiler's cost, not the commit's.
        if (this.source === 'COMMIT' && !this.database.readonly && !this.database.memory)
          afterCommit(this.database);
      }
    };
  }
  process.on('exit', () => {
    mkdirSync(dir, { recursive: true });
    const walTables = [...wal.values()].map((w) => w.report());
    writeFileSync(
      join(dir, `sql-stats-${process.pid}.txt`),
      [formatSqlStats(stats), ...walTables].join('\n'),
    );
  });
}
