import { MIGRATIONS, migrate, openPostgres, openSqlite, type SqlClient, type SqlExecutor } from '@tessera/db';

/**
 * A migrator process for crash tests (M1). Runs every migration on MIGRATE_SQLITE_PATH, or on MIGRATE_PG_URL
 * in MIGRATE_PG_SCHEMA, with a hook between statements: right before statement MIGRATE_HANG_AT
 * (`<migration name>:<statement index>`) it prints `{"hanging": …}` and waits inside the open transaction
 * for the test to SIGKILL it. Prints `{"done": […applied]}` when it gets through.
 */
const [target, at] = (process.env.MIGRATE_HANG_AT ?? '').split(':');
const base: SqlClient = process.env.MIGRATE_PG_URL
  ? openPostgres({ url: process.env.MIGRATE_PG_URL, schema: process.env.MIGRATE_PG_SCHEMA, poolSize: 1 })
  : openSqlite({ path: process.env.MIGRATE_SQLITE_PATH as string });

const hangBefore = new Set(
  MIGRATIONS.filter((m) => m.name === target).map((m) => m.statements(base.dialect)[Number(at)]),
);

function hooked(tx: SqlExecutor): SqlExecutor {
  return {
    dialect: tx.dialect,
    all: (sql, params) => tx.all(sql, params),
    async run(sql, params) {
      if (hangBefore.has(sql)) {
        process.stdout.write(`${JSON.stringify({ hanging: process.env.MIGRATE_HANG_AT })}\n`);
        setInterval(() => undefined, 1_000); // keeps the process alive (SQLite holds no handle) until SIGKILL
        await new Promise(() => undefined);
      }
      return tx.run(sql, params);
    },
    defer: (sql, params) => tx.defer(sql, params),
    deferOne: (sql, params) => tx.deferOne(sql, params),
  };
}

const client: SqlClient = { ...base, transaction: (fn) => base.transaction((tx) => fn(hooked(tx))) };
const applied = await migrate(client, MIGRATIONS);
process.stdout.write(`${JSON.stringify({ done: applied })}\n`);
await base.close();
