import {
  createIdGenerator,
  createSqlStore,
  fakeClock,
  MIGRATIONS,
  migrate,
  type TestHandle,
  testDatabases,
} from '@tessera/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../compose';
import { loadConfig } from '../config';
import { createQuotaLedger, type QuotaLedger, RESERVATION_TTL_MS } from './quota-ledger';

describe.each(testDatabases())('quota ledger on $dialect', (db) => {
  let handle: TestHandle;
  let orgId: string;
  const clock = fakeClock(Date.UTC(2026, 10, 26, 10));
  let ledgers: QuotaLedger[];

  beforeAll(async () => {
    handle = await db.open();
    await migrate(handle.client, MIGRATIONS);
    const database = {
      client: handle.client,
      store: createSqlStore(handle.client),
      close: async () => undefined,
    };
    const ctx = await createContext(loadConfig({ env: {} }), { database, clock });
    orgId = (await ctx.engine.orgs.createOrganization('ledger')).id;
    // Two ledgers on two connection pools: two processes sharing the database.
    ledgers = [handle.client, handle.reopen()].map((sql) =>
      createQuotaLedger(
        sql,
        clock,
        createIdGenerator(() => clock.now()),
      ),
    );
  });
  afterAll(async () => handle?.dispose());

  it('concurrent reservations from two processes never hold more than the limit together', async () => {
    const held = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (ledgers[i % 2] as QuotaLedger).reserve(orgId, 'webhook_endpoints', 1, 7),
      ),
    );
    expect(held.filter((h) => h.granted === 1)).toHaveLength(7);
    expect(held.filter((h) => h.granted === 0).every((h) => h.used === 7)).toBe(true);
    for (const h of held) await h.release();
    expect((await (ledgers[0] as QuotaLedger).reserve(orgId, 'webhook_endpoints', 7, 7)).granted).toBe(7);
  });

  it('grants part of a request when asked, and forgets the reservations of a dead process after their TTL', async () => {
    const ledger = ledgers[1] as QuotaLedger;
    const first = await ledger.reserve(orgId, 'asset_bytes', 600, 1_000);
    expect(first).toMatchObject({ granted: 600, used: 0 });
    expect(await ledger.reserve(orgId, 'asset_bytes', 600, 1_000)).toMatchObject({ granted: 0, used: 600 });
    const part = await ledger.reserve(orgId, 'asset_bytes', 600, 1_000, true);
    expect(part).toMatchObject({ granted: 400, used: 600 });
    // Nobody releases (the process died): after the TTL the units count no more.
    clock.advance(RESERVATION_TTL_MS + 1);
    expect(await ledger.reserve(orgId, 'asset_bytes', 1_000, 1_000)).toMatchObject({
      granted: 1_000,
      used: 0,
    });
  });
});
