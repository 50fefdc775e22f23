/**
 * A statement recorder for `serve` processes on SQLite (`TESSERA_BENCH_STATEMENT_LOG=FILE`): every statement the
 * process runs through better-sqlite3, on every connection, with its arguments, in the order it ran, appended
 * to FILE as NDJSON. `statement-replay.ts` runs the log again against a copy of the database as it was when the
 * process started, with nothing else on the thread: the time SQLite alone needs for the same work.
 *
 * Lines: `["sql", id, text]` defines a statement text before its first use; `[at, conn, readonly, method, id,
 * args, threw]` is one call (`at`: Date.now() after it returned; `threw`: 1 when it threw).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';

export type LoggedMethod = 'run' | 'all' | 'get' | 'iterate' | 'exec';

export type LogLine =
  | readonly ['sql', number, string]
  | readonly [number, number, 0 | 1, LoggedMethod, number, readonly unknown[], 0 | 1];

type StatementMethod = (this: Database.Statement, ...args: unknown[]) => unknown;
type Exec = (this: Database.Database, sql: string) => unknown;

/** JSON has no bigint: written as `{"$big": "…"}` (the reviver is `reviveLogValue`). */
export const encodeLogValue = (_key: string, v: unknown): unknown =>
  typeof v === 'bigint' ? { $big: v.toString() } : v;

export const reviveLogValue = (_key: string, v: unknown): unknown =>
  typeof v === 'object' && v !== null && '$big' in v ? BigInt(String((v as { $big: unknown }).$big)) : v;

const FLUSH_CHARS = 1 << 20;

type RecordCall = (
  db: Database.Database,
  method: LoggedMethod,
  sql: string,
  args: unknown[],
  threw: boolean,
) => void;

/** The log file: statement texts numbered on first use, connections numbered on first statement. */
function createLogWriter(file: string): { record: RecordCall; close(): void } {
  const fd = openSync(file, 'w');
  const connections = new WeakMap<object, number>();
  const texts = new Map<string, number>();
  let buffer: string[] = [];
  let chars = 0;
  const flush = () => {
    if (buffer.length > 0) writeSync(fd, `${buffer.join('\n')}\n`);
    buffer = [];
    chars = 0;
  };
  const write = (line: LogLine) => {
    const text = JSON.stringify(line, encodeLogValue);
    buffer.push(text);
    chars += text.length + 1;
    if (chars >= FLUSH_CHARS) flush();
  };
  const connectionOf = (db: object) => {
    const id = connections.get(db) ?? nextConnection++;
    connections.set(db, id);
    return id;
  };
  let nextConnection = 0;
  const textId = (sql: string) => {
    let id = texts.get(sql);
    if (id === undefined) {
      id = texts.size;
      texts.set(sql, id);
      write(['sql', id, sql]);
    }
    return id;
  };
  return {
    record: (db, method, sql, args, threw) =>
      write([Date.now(), connectionOf(db), db.readonly ? 1 : 0, method, textId(sql), args, threw ? 1 : 0]),
    close() {
      flush();
      closeSync(fd);
    },
  };
}

/** Calls `fn`, then `after(threw)` whether it returned or threw. */
function observed<T>(fn: () => T, after: (threw: boolean) => void): T {
  let threw = true;
  try {
    const out = fn();
    threw = false;
    return out;
  } finally {
    after(threw);
  }
}

const STATEMENT_METHODS = ['run', 'all', 'get', 'iterate'] as const;

/** Wraps better-sqlite3's statement methods and `exec` (every connection); returns the undo. */
function wrapBetterSqlite3(record: RecordCall): () => void {
  const probe = new Database(':memory:');
  const statement = Object.getPrototypeOf(probe.prepare('SELECT 1')) as { [k: string]: StatementMethod };
  probe.close();
  const connection = Database.prototype as unknown as { exec: Exec };
  const originals = STATEMENT_METHODS.map((m) => statement[m] as StatementMethod);
  const exec = connection.exec;
  STATEMENT_METHODS.forEach((name, i) => {
    const original = originals[i] as StatementMethod;
    statement[name] = function recorded(this: Database.Statement, ...args: unknown[]) {
      return observed(
        () => original.apply(this, args),
        (threw) => {
          if (!this.database.memory) record(this.database, name, this.source, args, threw);
        },
      );
    };
  });
  connection.exec = function recorded(this: Database.Database, sql: string) {
    return observed(
      () => exec.call(this, sql),
      (threw) => {
        if (!this.memory) record(this, 'exec', sql, [], threw);
      },
    );
  };
  return () => {
    STATEMENT_METHODS.forEach((name, i) => {
      statement[name] = originals[i] as StatementMethod;
    });
    connection.exec = exec;
  };
}

/**
 * Starts recording every statement of this process to `file`; the log is written as it grows and completed
 * by `stop()` (or on exit). Statements of in-memory databases are left out.
 */
export function installStatementLog(file: string): { stop(): void } {
  const writer = createLogWriter(file);
  const unwrap = wrapBetterSqlite3(writer.record);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    unwrap();
    writer.close();
    process.off('exit', stop);
  };
  process.on('exit', stop);
  return { stop };
}
