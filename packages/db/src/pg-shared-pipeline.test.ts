import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectionLost } from './pg-shared-pipeline';
import { openPostgres } from './postgres-client';
import type { SqlClient } from './sql-client';

const url = process.env.TESSERA_PG_URL;

/** `asyncCommit` on PostgreSQL: every caller's single statements on one pipelined connection. */
describe.skipIf(!url)('PostgreSQL asyncCommit statements on one shared pipelined connection', () => {
  let client: SqlClient;
  let killer: SqlClient;
  beforeEach(() => {
    client = openPostgres({ url: url as string, poolSize: 2 });
    killer = openPostgres({ url: url as string, poolSize: 1 });
  });
  afterEach(async () => {
    await client.close();
    await killer.close();
  });

  const pidOf = async (c: SqlClient) =>
    Number((await c.asyncCommit.all<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0]?.pid);

  it('carries concurrent callers on one connection, committing asynchronously', async () => {
    const pids = await Promise.all(Array.from({ length: 20 }, () => pidOf(client)));
    expect(new Set(pids).size).toBe(1);
    const [setting] = await client.asyncCommit.all<{ s: string }>(
      "SELECT current_setting('synchronous_commit') AS s",
    );
    expect(setting?.s).toBe('off');
    // Transactions run on the other pool.
    const [own] = await client.transaction((tx) => tx.all<{ pid: number }>('SELECT pg_backend_pid() AS pid'));
    expect(own?.pid).not.toBe(pids[0]);
  });

  it('fails only the statement that failed, not those sent with it', async () => {
    const [a, b, c] = await Promise.allSettled([
      client.asyncCommit.all<{ v: number }>('SELECT 1 AS v'),
      client.asyncCommit.all('SELECT 1 / 0 AS v'),
      client.asyncCommit.all<{ v: number }>('SELECT 3 AS v'),
    ]);
    expect(a).toEqual({ status: 'fulfilled', value: [{ v: 1 }] });
    expect(b.status === 'rejected' && (b.reason as { code?: string }).code).toBe('22012');
    expect(c).toEqual({ status: 'fulfilled', value: [{ v: 3 }] });
    // Each statement is its own transaction: a session setting changed next to a failure stays (a failed
    // transaction would have undone it).
    const written = await Promise.allSettled([
      client.asyncCommit.all("SELECT set_config('application_name', 'shared-pipeline-test', false)"),
      client.asyncCommit.all('SELECT 1 / 0 AS v'),
    ]);
    expect(written[0]?.status).toBe('fulfilled');
    const [name] = await client.asyncCommit.all<{ n: string }>(
      "SELECT current_setting('application_name') AS n",
    );
    expect(name?.n).toBe('shared-pipeline-test');
  });

  it('fails what a terminated connection carried, without crashing the process, then takes a new one', async () => {
    const before = await pidOf(client);
    // Its failure is awaited from the start: it may arrive before the terminating call returns.
    const sleeping = expect(client.asyncCommit.all('SELECT pg_sleep(5)')).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await killer.all('SELECT pg_terminate_backend(?)', [before]);
    await sleeping;
    const after = await pidOf(client);
    expect(after).not.toBe(before);
    // Terminated while idle: the FATAL arrives while no statement runs.
    await killer.all('SELECT pg_terminate_backend(?)', [after]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const third = await pidOf(client);
    expect(third).not.toBe(after);
  });
});

describe('connectionLost', () => {
  const serverError = (code: string) => Object.assign(new pg.DatabaseError('x', 1, 'error'), { code });
  it('keeps the connection for the statement’s own errors, drops it when the session is gone', () => {
    expect(connectionLost(serverError('22012'))).toBe(false); // division by zero
    expect(connectionLost(serverError('23505'))).toBe(false); // unique violation
    expect(connectionLost(serverError('57014'))).toBe(false); // statement timeout / cancel
    expect(connectionLost(serverError('57P01'))).toBe(true); // terminated by an administrator
    expect(connectionLost(serverError('08006'))).toBe(true); // connection failure
    expect(connectionLost(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toBe(true);
    expect(connectionLost(new Error('Client has encountered a connection error and is not queryable'))).toBe(
      true,
    );
  });
});
