/**
 * Runs a `statement-log.ts` log again, statement by statement on the same connections in the same order,
 * against a copy of the database as it was when the logged process started; the statements of a time window
 * (a drain, an upload) are timed. No HTTP, no engine, no event loop between them: what is left is SQLite's
 * own time for the same work, the ceiling of one writer thread. Every call must end as it did when logged
 * (returned or threw); a log whose replay diverges is an error, not a figure.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { type LoggedMethod, type LogLine, reviveLogValue } from './statement-log';

export interface ReplayWindow {
  /** Date.now() bounds of the timed part, as seen by the logged process. */
  readonly from: number;
  readonly to: number;
}

export interface ReplayResult {
  /** Time inside SQLite for the window's statements. */
  readonly seconds: number;
  /** Statements in the window. */
  readonly calls: number;
  /** Write transactions committed in the window. */
  readonly commits: number;
  /** Statements of the whole log. */
  readonly total: number;
  /** The window's time per statement text, costliest first. */
  readonly bySql: readonly SqlShare[];
}

export interface SqlShare {
  readonly sql: string;
  readonly calls: number;
  readonly seconds: number;
}

interface Connection {
  readonly db: Database.Database;
  readonly statements: Map<number, Database.Statement>;
}

function call(c: Connection, method: LoggedMethod, id: number, text: string, args: readonly unknown[]) {
  if (method === 'exec') return c.db.exec(text);
  // `db.pragma()` prepares in a mode that lets `.all()` run a pragma that returns nothing.
  if (text.startsWith('PRAGMA ')) return c.db.pragma(text.slice('PRAGMA '.length));
  let stmt = c.statements.get(id);
  if (stmt === undefined) {
    stmt = c.db.prepare(text);
    // As the serve's executor reads them (sqlite-client.ts): arrays, its objects built outside SQLite.
    if (stmt.reader) stmt.raw(true);
    c.statements.set(id, stmt);
  }
  if (method === 'iterate') {
    for (const _ of stmt.iterate(...args)) {
      // consumed: the logged caller read its rows
    }
    return;
  }
  return stmt[method](...args);
}

/** Replays `log` against the SQLite file at `path` (which it changes) and times the window. */
export async function replayStatementLog(
  log: string,
  path: string,
  window: ReplayWindow,
): Promise<ReplayResult> {
  const texts = new Map<number, string>();
  const connections = new Map<number, Connection>();
  const connection = (id: number, readonly: boolean) => {
    let c = connections.get(id);
    if (c === undefined) {
      c = {
        db: new Database(path, readonly ? { readonly, fileMustExist: true } : {}),
        statements: new Map(),
      };
      connections.set(id, c);
    }
    return c;
  };
  const spent = new Map<number, { calls: number; ns: bigint }>();
  let calls = 0;
  let commits = 0;
  let total = 0;
  const lines = createInterface({ input: createReadStream(log), crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const text of lines) {
      const line = JSON.parse(text, reviveLogValue) as LogLine;
      if (line[0] === 'sql') {
        texts.set(line[1], line[2]);
        continue;
      }
      const [at, conn, readonly, method, id, args, threw] = line;
      const sql = texts.get(id);
      if (sql === undefined) throw new Error(`statement log: text ${id} used before it was defined`);
      const c = connection(conn, readonly === 1);
      const timed = at >= window.from && at <= window.to;
      const start = timed ? process.hrtime.bigint() : 0n;
      let failed = false;
      try {
        call(c, method, id, sql, args);
      } catch (error) {
        failed = true;
        if (threw === 0) throw new Error(`replay diverged: "${sql.slice(0, 80)}" threw ${String(error)}`);
      }
      if (timed) {
        const s = spent.get(id) ?? { calls: 0, ns: 0n };
        s.ns += process.hrtime.bigint() - start;
        s.calls++;
        spent.set(id, s);
        calls++;
        if (sql === 'COMMIT' && readonly === 0) commits++;
      }
      if (threw === 1 && !failed) throw new Error(`replay diverged: "${sql.slice(0, 80)}" did not throw`);
      total++;
    }
  } finally {
    for (const c of connections.values()) c.db.close();
  }
  const bySql = [...spent.entries()]
    .map(([id, s]) => ({ sql: texts.get(id) as string, calls: s.calls, seconds: Number(s.ns) / 1e9 }))
    .sort((a, b) => b.seconds - a.seconds);
  const seconds = bySql.reduce((sum, s) => sum + s.seconds, 0);
  return { seconds, calls, commits, total, bySql };
}
