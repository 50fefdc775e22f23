import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installStatementLog } from './statement-log';
import { replayStatementLog } from './statement-replay';

let dir: string;
const at = (name: string) => join(dir, name);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'statement-log-'));
  const db = new Database(at('start.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, big INTEGER)');
  db.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The work a process does while recorded: writes in a transaction, a write that fails, reads, a pragma. */
function work(path: string): { from: number; to: number } {
  const db = new Database(path);
  db.pragma('synchronous = FULL');
  const insert = db.prepare('INSERT INTO t (name, big) VALUES (?, ?)');
  const from = Date.now();
  db.exec('BEGIN');
  for (let i = 0; i < 50; i++) insert.run(`n${i}`, 2n ** 60n + BigInt(i));
  db.exec('COMMIT');
  expect(() => insert.run('n1', null)).toThrow(/UNIQUE/);
  db.prepare('UPDATE t SET name = name || ? WHERE id <= ?').run('!', 10);
  expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 50 });
  const to = Date.now();
  db.close();
  return { from, to };
}

const dump = (path: string) => {
  const db = new Database(path, { readonly: true });
  db.defaultSafeIntegers(true);
  const rows = db.prepare('SELECT * FROM t ORDER BY id').all();
  db.close();
  return rows;
};

describe('statement log and replay', () => {
  it('replays the recorded statements to the same rows, bigints and failures included', async () => {
    copyFileSync(at('start.db'), at('copy.db'));
    const log = installStatementLog(at('log.ndjson'));
    const window = work(at('start.db'));
    log.stop();
    const result = await replayStatementLog(at('log.ndjson'), at('copy.db'), window);
    expect(dump(at('copy.db'))).toEqual(dump(at('start.db')));
    expect(dump(at('copy.db'))).toHaveLength(50);
    // BEGIN, 50 inserts, COMMIT, the failed insert, the update, the count; the pragma ran before `from`
    // unless the clock ticked in between, so it is counted in the total only.
    expect(result.calls).toBeGreaterThanOrEqual(55);
    expect(result.total).toBe(56);
    expect(result.bySql.find((s) => s.sql.startsWith('INSERT'))?.calls).toBe(51);
    expect(result.seconds).toBeGreaterThan(0);
  });

  it('refuses a replay that ends differently from the recording', async () => {
    copyFileSync(at('start.db'), at('copy.db'));
    const log = installStatementLog(at('log.ndjson'));
    const window = work(at('start.db'));
    log.stop();
    const copy = new Database(at('copy.db'));
    copy.prepare("INSERT INTO t (name) VALUES ('n7')").run();
    copy.close();
    await expect(replayStatementLog(at('log.ndjson'), at('copy.db'), window)).rejects.toThrow(
      /replay diverged: "INSERT INTO t/,
    );
  });

  it('records nothing once stopped', () => {
    const log = installStatementLog(at('log.ndjson'));
    log.stop();
    const size = readFileSync(at('log.ndjson')).length;
    work(at('start.db'));
    expect(readFileSync(at('log.ndjson')).length).toBe(size);
    expect(size).toBe(0);
  });
});
