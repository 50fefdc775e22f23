/**
 * Why the lease query writes its LIMIT into the SQL text: the same statement, on the shipped schema with a
 * queued backlog, with `LIMIT ?` bound and with the limit as a literal. SQLite plans both the same way (the
 * bytecode differs only in reading the bound limit), yet the bound form took 3–5× longer per call.
 *
 *   npx tsx bench/lease-limit.bench.ts [tasks=20000] [calls=20000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leaseParams, leaseSql } from '@tessera/db';
import Database from 'better-sqlite3';
import { openEngineProject, queueBoxTasks } from './harness/engine-project';

const [tasks = 20_000, calls = 20_000] = process.argv.slice(2).map(Number);
const dir = mkdtempSync(join(tmpdir(), 'tessera-lease-limit-'));
const path = join(dir, 'bench.db');
const bench = await openEngineProject(path);
await queueBoxTasks(bench, tasks);
await bench.db.close();

const raw = new Database(path, { readonly: true });
const literal = leaseSql('sqlite', 'queued', 1);
const bound = literal.replace(/LIMIT 1$/, 'LIMIT ?');
if (bound === literal) throw new Error('the lease SQL no longer ends in its LIMIT');

function perCall(sql: string, params: readonly (string | number)[]): number {
  const stmt = raw.prepare(sql);
  for (let i = 0; i < 1000; i++) stmt.all(...params); // warm-up
  const start = performance.now();
  for (let i = 0; i < calls; i++) stmt.all(...params);
  return ((performance.now() - start) * 1000) / calls;
}

const rows = [
  ['LIMIT ? (bound to 1)', perCall(bound, [...leaseParams(bench.project.id, 'usr_bench'), 1])],
  ['LIMIT 1 (literal)', perCall(literal, leaseParams(bench.project.id, 'usr_bench'))],
] as const;
for (const [label, us] of rows) console.log(`${label.padEnd(22)} ${us.toFixed(2)} µs per lease query`);
console.log(`${tasks} queued tasks, ${calls} calls each, the first row of the lease order every time`);
raw.close();
rmSync(dir, { recursive: true, force: true });
