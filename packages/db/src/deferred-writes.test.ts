import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUniqueViolation, type SqlClient } from './sql-client';
import { type TestHandle, testDatabases } from './testing/test-databases';

/**
 * `SqlExecutor.defer`: a write nobody reads the outcome of. On PostgreSQL it is pipelined ahead of the
 * transaction's next statement; whatever the database, the transaction must behave as if it had been awaited:
 * later reads see it, and its failure fails the transaction with its own error and leaves nothing behind.
 */
describe.each(testDatabases())('deferred writes on $dialect', (database) => {
  let handle: TestHandle;
  let db: SqlClient;
  beforeEach(async () => {
    handle = await database.open();
    db = handle.client;
    await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    await db.run("INSERT INTO t (id, v) VALUES (1, 'one')");
  });
  afterEach(() => handle.dispose());

  const rows = () => db.all<{ id: number; v: string }>('SELECT id, v FROM t ORDER BY id');

  it('is seen by the next statement of its transaction and commits with it', async () => {
    const seen = await db.transaction(async (tx) => {
      await tx.defer('INSERT INTO t (id, v) VALUES (?, ?)', [2, 'two']);
      await tx.defer('UPDATE t SET v = ? WHERE id = ?', ['uno', 1]);
      return tx.all<{ n: number }>("SELECT COUNT(*) AS n FROM t WHERE v IN ('uno', 'two')");
    });
    expect(Number(seen[0]?.n)).toBe(2);
    expect(await rows()).toEqual([
      { id: 1, v: 'uno' },
      { id: 2, v: 'two' },
    ]);
  });

  it('fails the transaction with its own error when the next statement runs, and leaves nothing', async () => {
    const unit = db.transaction(async (tx) => {
      await tx.defer('INSERT INTO t (id, v) VALUES (?, ?)', [2, 'two']);
      await tx.defer('INSERT INTO t (id, v) VALUES (?, ?)', [1, 'duplicate']);
      await tx.all('SELECT id FROM t');
      return 'committed';
    });
    const error = await unit.then(
      () => null,
      (e: unknown) => e,
    );
    // Not PostgreSQL's "current transaction is aborted" of the statement after it: the write's own error.
    expect(isUniqueViolation(error)).toBe(true);
    expect(await rows()).toEqual([{ id: 1, v: 'one' }]);
  });

  it('fails the commit when it is the last write of the transaction', async () => {
    const unit = db.transaction(async (tx) => {
      await tx.run("UPDATE t SET v = 'changed' WHERE id = 1");
      await tx.defer('INSERT INTO t (id, v) VALUES (?, ?)', [1, 'duplicate']);
    });
    await expect(unit).rejects.toSatisfy(isUniqueViolation);
    expect(await rows()).toEqual([{ id: 1, v: 'one' }]);
    // The same statements work afterwards (on PostgreSQL: on connections that saw the failure).
    for (let i = 0; i < 10; i++) {
      await db.transaction(async (tx) => {
        await tx.defer('INSERT INTO t (id, v) VALUES (?, ?)', [10 + i, 'later']);
      });
    }
    expect((await rows()).length).toBe(11);
  });

  it('reads awaited together see the deferred writes before them, each its own answer', async () => {
    const [one, two] = await db.transaction(async (tx) => {
      await tx.defer('INSERT INTO t (id, v) VALUES (?, ?)', [2, 'two']);
      return Promise.all([
        tx.all<{ v: string }>('SELECT v FROM t WHERE id = ?', [1]),
        tx.all<{ v: string }>('SELECT v FROM t WHERE id = ?', [2]),
      ]);
    });
    expect([one, two]).toEqual([[{ v: 'one' }], [{ v: 'two' }]]);
    const failing = db.transaction((tx) =>
      Promise.all([tx.all('SELECT v FROM t WHERE id = 1'), tx.all('SELECT no_such_column FROM t')]),
    );
    await expect(failing).rejects.toThrow(/no_such_column/);
    expect(await rows()).toEqual([
      { id: 1, v: 'one' },
      { id: 2, v: 'two' },
    ]);
  });

  it('deferOne commits a write that changed its one row', async () => {
    await db.transaction(async (tx) => {
      await tx.deferOne('UPDATE t SET v = ? WHERE id = ?', ['uno', 1]);
      await tx.deferOne('INSERT INTO t (id, v) VALUES (?, ?)', [2, 'two']);
    });
    expect(await rows()).toEqual([
      { id: 1, v: 'uno' },
      { id: 2, v: 'two' },
    ]);
  });

  it('deferOne fails the transaction, commit included, when its write changed no row', async () => {
    const notOne = (e: unknown) =>
      e instanceof Error && /expected to change one row changed 0/.test(e.message);
    // Its last write: on PostgreSQL the COMMIT travels right behind it and must come back as a rollback.
    const last = db.transaction(async (tx) => {
      await tx.defer('INSERT INTO t (id, v) VALUES (?, ?)', [2, 'two']);
      await tx.deferOne('UPDATE t SET v = ? WHERE id = ?', ['missing', 99]);
    });
    await expect(last).rejects.toSatisfy(notOne);
    // Followed by a read: the read fails with the write's own error.
    const read = db.transaction(async (tx) => {
      await tx.deferOne("UPDATE t SET v = 'x' WHERE id = 1 AND v = 'not this'");
      return tx.all('SELECT id FROM t');
    });
    await expect(read).rejects.toSatisfy(notOne);
    // Two rows changed is no better than none.
    const two = db.transaction(async (tx) => {
      await tx.defer('INSERT INTO t (id, v) VALUES (?, ?)', [3, 'three']);
      await tx.deferOne("UPDATE t SET v = 'both'");
    });
    await expect(two).rejects.toThrow(/expected to change one row changed 2/);
    expect(await rows()).toEqual([{ id: 1, v: 'one' }]);
    await expect(db.deferOne('DELETE FROM t WHERE id = ?', [99])).rejects.toSatisfy(notOne);
  });

  it('outside a transaction, runs before it resolves', async () => {
    await db.defer('INSERT INTO t (id, v) VALUES (?, ?)', [3, 'three']);
    expect(await rows()).toContainEqual({ id: 3, v: 'three' });
    await expect(db.defer('INSERT INTO t (id, v) VALUES (?, ?)', [3, 'again'])).rejects.toSatisfy(
      isUniqueViolation,
    );
  });
});

describe.skipIf(!process.env.TESSERA_PG_URL)('deferred writes on PostgreSQL are pipelined', () => {
  const [pgDatabase] = testDatabases().filter((d) => d.dialect === 'postgres');
  let handle: TestHandle;
  afterEach(() => handle.dispose());

  it('resolve while the server is still blocked on them: no round trip is waited for', async () => {
    handle = await (pgDatabase as NonNullable<typeof pgDatabase>).open();
    const db = handle.client;
    const other = handle.reopen();
    await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    await db.run("INSERT INTO t (id, v) VALUES (1, 'one')");
    let releaseLock = (): void => undefined;
    const lockHeld = new Promise<void>((held) => {
      void other.transaction(async (tx) => {
        await tx.all('SELECT id FROM t WHERE id = 1 FOR UPDATE');
        held();
        await new Promise<void>((release) => {
          releaseLock = release;
        });
      });
    });
    await lockHeld;
    const result = await db.transaction(async (tx) => {
      // The server waits for the row lock; a defer that waited for the answer would never return here.
      await tx.defer("UPDATE t SET v = 'deferred' WHERE id = 1");
      releaseLock();
      return tx.all<{ v: string }>('SELECT v FROM t WHERE id = 1');
    });
    expect(result).toEqual([{ v: 'deferred' }]);
  });
});
