import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqlClient } from './sql-client';
import { openSqlite } from './sqlite-client';

/**
 * SQLite rolls back the whole transaction by itself on SQLITE_IOERR and SQLITE_FULL (a failed write(2), a
 * full disk), also in the middle of one unit of a group commit. Found by Q8 (write errors injected with
 * libfiu): the savepoint the failed unit tried to roll back to was gone, `ROLLBACK TO` threw out of the
 * commit loop, and the serve process died of the unhandled rejection. A unit that runs ROLLBACK and then
 * fails leaves the connection in the same state, without fault injection.
 */
describe('SQLite group commit when SQLite itself rolled the transaction back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-rollback-'));
  let client: SqlClient | undefined;
  afterEach(async () => {
    await client?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails every unit of the batch (none is acknowledged) and keeps committing later ones', async () => {
    client = openSqlite({ path: join(dir, 'db.sqlite') });
    const db = client;
    await db.run('CREATE TABLE t (x INTEGER)');
    // Three units in one event-loop turn share one commit: the second one loses the transaction.
    const units = [
      db.transaction((tx) => tx.run('INSERT INTO t VALUES (1)')),
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES (2)');
        await tx.run('ROLLBACK');
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
      }),
      db.transaction((tx) => tx.run('INSERT INTO t VALUES (3)')),
    ];
    const settled = await Promise.allSettled(units);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await db.all('SELECT x FROM t')).toEqual([]);
    // the client goes on: the next transaction commits
    await db.transaction((tx) => tx.run('INSERT INTO t VALUES (4)'));
    expect(await db.all('SELECT x FROM t')).toEqual([{ x: 4 }]);
  });
});
