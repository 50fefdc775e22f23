import type { SqlClient, SqlExecutor, SqlValue } from '@tessera/db';

/**
 * Records the text of every statement a client runs, including inside its transactions and read snapshots.
 * It instruments the given client object in place (every store and repository of a test app already holds
 * that object), so the app under test runs exactly as composed.
 */
export function recordStatements(client: SqlClient): ReadonlySet<string> {
  const seen = new Set<string>();
  const wrapped = new WeakMap<SqlExecutor, SqlExecutor>();
  const wrap = (e: SqlExecutor): SqlExecutor => {
    let w = wrapped.get(e);
    if (w === undefined) {
      w = {
        dialect: e.dialect,
        all: <T>(sql: string, params?: readonly SqlValue[]) => {
          seen.add(sql);
          return e.all<T>(sql, params);
        },
        run: (sql: string, params?: readonly SqlValue[]) => {
          seen.add(sql);
          return e.run(sql, params);
        },
        defer: (sql: string, params?: readonly SqlValue[]) => {
          seen.add(sql);
          return e.defer(sql, params);
        },
        deferOne: (sql: string, params?: readonly SqlValue[]) => {
          seen.add(sql);
          return e.deferOne(sql, params);
        },
      };
      wrapped.set(e, w);
    }
    return w;
  };
  // The clients' methods are closures (no `this`), so a copy calls the originals.
  const original: SqlClient = { ...client };
  client.all = <T>(sql: string, params?: readonly SqlValue[]) => {
    seen.add(sql);
    return original.all<T>(sql, params);
  };
  client.run = (sql, params) => {
    seen.add(sql);
    return original.run(sql, params);
  };
  client.defer = (sql, params) => {
    seen.add(sql);
    return original.defer(sql, params);
  };
  client.deferOne = (sql, params) => {
    seen.add(sql);
    return original.deferOne(sql, params);
  };
  client.transaction = (fn) => original.transaction((tx) => fn(wrap(tx)));
  client.read = (fn) => original.read((tx) => fn(wrap(tx)));
  Object.assign(client, { asyncCommit: wrap(original.asyncCommit) });
  return seen;
}
