/**
 * The PostgreSQL side of `bench/run.ts --sql-stats DIR`: per-statement execution time inside the server, read
 * from `pg_stat_statements` (the harness's durable PostgreSQL preloads it when `--sql-stats` is given). A scenario
 * resets the counters before the part it measures and writes the scenario database's statements to
 * `DIR/pg-stats-<name>.txt` after it, costliest first, with calls and time per measured task and the shared
 * buffers each call touched. Times are the server's execution time only: parse/bind, network and the client's
 * driver are not in them.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseLocation } from './lifecycle-verify';
import { formatSlowPlans, slowPlans } from './pg-slow-plans';
import { withPgClient } from './postgres-server';

interface StatementRow {
  readonly query: string;
  readonly calls: number;
  readonly totalMs: number;
  readonly rows: number;
  /** Shared buffers the statement touched (hit + read): a lease walking dead index entries shows here. */
  readonly buffers: number;
}

/** One line per statement: total ms, calls, µs per call, calls and µs per task, rows and buffers per call, the text. */
function formatStatementStats(rows: readonly StatementRow[], tasks: number): string {
  const sorted = [...rows].sort((a, b) => b.totalMs - a.totalMs);
  const total = sorted.reduce((sum, r) => sum + r.totalMs, 0);
  const calls = sorted.reduce((sum, r) => sum + r.calls, 0);
  const header =
    `${total.toFixed(0)} ms executing in PostgreSQL over ${tasks} tasks: ` +
    `${((total * 1000) / tasks).toFixed(0)} µs and ${(calls / tasks).toFixed(1)} statements per task, by statement ` +
    '(total, calls × µs per call, calls and µs per task, rows and shared buffers per call)';
  const lines = sorted.map((r) => {
    const perCall = (r.totalMs * 1000) / r.calls;
    return (
      `${r.totalMs.toFixed(0).padStart(8)} ms ${String(r.calls).padStart(9)} × ${perCall.toFixed(1).padStart(7)} µs` +
      `  ${(r.calls / tasks).toFixed(2).padStart(5)}/task ${((r.totalMs * 1000) / tasks).toFixed(1).padStart(6)} µs/task` +
      `  ${(r.rows / r.calls).toFixed(1).padStart(6)} rows ${(r.buffers / r.calls).toFixed(1).padStart(6)} buf  ${r.query.replace(/\s+/g, ' ').slice(0, 100)}`
    );
  });
  return [header, ...lines, ''].join('\n');
}

/**
 * Creates the extension in the database at `url` and zeroes every counter. Returns null when done, or why not:
 * a server started without the library preloaded (one given by `TESSERA_DURABLE_PG_URL`).
 */
async function resetStatementStats(url: string): Promise<string | null> {
  return withPgClient(url, async (c) => {
    const loaded = await c.query<{ on: boolean }>(
      "SELECT 'pg_stat_statements' = ANY(string_to_array(current_setting('shared_preload_libraries'), ',')) AS on",
    );
    if (loaded.rows[0]?.on !== true) return 'pg_stat_statements is not in shared_preload_libraries';
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await c.query('SELECT pg_stat_statements_reset()');
    return null;
  });
}

/** This database's statements since the last reset (every role), merged by text. */
async function readStatementStats(url: string): Promise<StatementRow[]> {
  return withPgClient(url, async (c) => {
    const r = await c.query<{
      query: string;
      calls: string;
      total_ms: number;
      rows: string;
      buffers: string;
    }>(
      `SELECT s.query, SUM(s.calls) AS calls, SUM(s.total_exec_time) AS total_ms, SUM(s.rows) AS rows,
              SUM(s.shared_blks_hit + s.shared_blks_read) AS buffers
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() AND s.calls > 0
        GROUP BY s.query`,
    );
    return r.rows.map((row) => ({
      query: row.query,
      calls: Number(row.calls),
      totalMs: Number(row.total_ms),
      rows: Number(row.rows),
      buffers: Number(row.buffers),
    }));
  });
}

/** Writes `DIR/pg-stats-<name>.txt` and returns its path. */
async function writeStatementStats(url: string, dir: string, name: string, tasks: number): Promise<string> {
  const rows = await readStatementStats(url);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `pg-stats-${name}.txt`);
  writeFileSync(file, formatStatementStats(rows, tasks));
  return file;
}

/**
 * For a scenario: zeroes the counters now when `dir` is set and the target is PostgreSQL, and returns what to
 * call after the measured part: it writes `DIR/pg-stats-<name>.txt` and, when the harness started the server,
 * `DIR/pg-plans-<name>.txt` (the slow statements' plans from its log), and prints where (or why not).
 */
export async function measureStatements(
  at: DatabaseLocation,
  dir: string | null,
): Promise<(name: string, tasks: number) => Promise<void>> {
  if (at.kind !== 'postgres' || dir === null) return async () => undefined;
  const off = await resetStatementStats(at.url);
  if (off !== null) return async () => console.log(`    no PostgreSQL statement stats: ${off}`);
  const logFrom = at.serverLog === null ? 0 : statSync(at.serverLog).size;
  return async (name, tasks) => {
    console.log(`    PostgreSQL statements: ${await writeStatementStats(at.url, dir, name, tasks)}`);
    if (at.serverLog === null) return;
    const file = join(dir, `pg-plans-${name}.txt`);
    const database = new URL(at.url).pathname.slice(1);
    writeFileSync(file, formatSlowPlans(slowPlans(readFrom(at.serverLog, logFrom), database), tasks));
    console.log(`    PostgreSQL slow plans: ${file}`);
  };
}

/** The text appended to `path` since byte `from`. */
function readFrom(path: string, from: number): string {
  const fd = openSync(path, 'r');
  try {
    const length = Math.max(0, fstatSync(fd).size - from);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, from);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}
