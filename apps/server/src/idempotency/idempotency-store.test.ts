import { MIGRATIONS, migrate, type TestHandle, testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdempotencyStore, type IdempotencyClaim } from './idempotency-store';

const POLICY = { retentionMs: 24 * 3_600_000, inFlightTimeoutMs: 60_000 };
const T0 = 1_800_000_000_000;

function claimAt(createdAt: number, key = 'k', credentialId = 'key_1'): IdempotencyClaim {
  return { scope: { orgId: 'org_1', credentialId }, key, createdAt };
}

const response = (fingerprint: string, completedAt: number) => ({
  fingerprint,
  status: 201,
  body: '{"id":"tsk_1","é":"ü"}',
  contentType: 'application/json; charset=utf-8',
  completedAt,
});

describe.each(testDatabases())('idempotency store contract on $dialect', (db) => {
  let handle: TestHandle;
  afterEach(async () => handle?.dispose());

  const open = async () => {
    handle = await db.open();
    await migrate(handle.client, MIGRATIONS);
    return createIdempotencyStore(handle.client);
  };

  it('claims once, reports the holder, stores the response exactly, and releases', async () => {
    const store = await open();
    expect(await store.claim(claimAt(T0), 'fp', POLICY)).toEqual({ claimed: true });
    const held = await store.claim(claimAt(T0 + 5), 'fp', POLICY);
    expect(held).toMatchObject({
      claimed: false,
      record: { status: 'in_flight', fingerprint: 'fp', createdAt: T0 },
    });
    expect(await store.complete(claimAt(T0), response('fp2', T0 + 10))).toBe(true);
    const done = await store.claim(claimAt(T0 + 20), 'other', POLICY);
    expect(done).toEqual({
      claimed: false,
      record: {
        fingerprint: 'fp2',
        status: 'completed',
        responseStatus: 201,
        responseBody: '{"id":"tsk_1","é":"ü"}',
        responseType: 'application/json; charset=utf-8',
        createdAt: T0,
      },
    });
    // Another credential or key is another record.
    expect(await store.claim(claimAt(T0, 'k', 'key_2'), 'fp', POLICY)).toEqual({ claimed: true });
    await store.release(claimAt(T0, 'k', 'key_2'));
    expect(await store.claim(claimAt(T0 + 1, 'k', 'key_2'), 'fp', POLICY)).toEqual({ claimed: true });
  });

  it('retakes an abandoned in-flight claim after the timeout, fencing the old holder out', async () => {
    const store = await open();
    await store.claim(claimAt(T0), 'fp', POLICY);
    expect((await store.claim(claimAt(T0 + 59_999), 'fp', POLICY)).claimed).toBe(false);
    expect(await store.claim(claimAt(T0 + 60_000), 'fp', POLICY)).toEqual({ claimed: true });
    expect(await store.complete(claimAt(T0), response('fp', T0 + 61_000))).toBe(false);
    await store.release(claimAt(T0));
    expect(await store.complete(claimAt(T0 + 60_000), response('fp', T0 + 61_000))).toBe(true);
  });

  it('forgets records after the retention window; purge deletes only expired ones, in chunks', async () => {
    const store = await open();
    for (let i = 0; i < 5; i++) {
      await store.claim(claimAt(T0, `old-${i}`), 'fp', POLICY);
      await store.complete(claimAt(T0, `old-${i}`), response('fp', T0));
    }
    await store.claim(claimAt(T0 + POLICY.retentionMs, 'fresh'), 'fp', POLICY);
    expect((await store.claim(claimAt(T0 + POLICY.retentionMs - 1, 'old-0'), 'x', POLICY)).claimed).toBe(
      false,
    );
    expect(await store.claim(claimAt(T0 + POLICY.retentionMs, 'old-0'), 'x', POLICY)).toEqual({
      claimed: true,
    });
    const before = T0 + 1;
    expect(await store.purge(before, 3)).toBe(3);
    expect(await store.purge(before, 3)).toBe(1);
    expect(await store.purge(before, 3)).toBe(0);
    const left = await handle.client.all<{ idem_key: string }>(
      'SELECT idem_key FROM idempotency_keys ORDER BY idem_key',
    );
    expect(left.map((r) => r.idem_key)).toEqual(['fresh', 'old-0']);
  });

  it('lets exactly one of 20 concurrent claims through, across two connections (two processes)', async () => {
    const store = await open();
    const other = createIdempotencyStore(handle.reopen());
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? store : other).claim(claimAt(T0 + i, 'race'), 'fp', POLICY),
      ),
    );
    expect(outcomes.filter((o) => o.claimed)).toHaveLength(1);
  });

  it('keeps the records of a database made before the key-first index (0011), in flight or completed', async () => {
    handle = await db.open();
    const upgrade = MIGRATIONS.findIndex((m) => m.name === '0011-idempotency-key-first');
    await migrate(handle.client, MIGRATIONS.slice(0, upgrade));
    const before = createIdempotencyStore(handle.client);
    await before.claim(claimAt(T0, 'done'), 'fp', POLICY);
    await before.complete(claimAt(T0, 'done'), response('fp', T0 + 1));
    await before.claim(claimAt(T0, 'open'), 'fp', POLICY);
    await migrate(handle.client, MIGRATIONS);
    const after = createIdempotencyStore(handle.client);
    expect(await after.claim(claimAt(T0 + 5, 'done'), 'fp', POLICY)).toMatchObject({
      claimed: false,
      record: { status: 'completed', responseStatus: 201, responseBody: '{"id":"tsk_1","é":"ü"}' },
    });
    expect(await after.complete(claimAt(T0, 'open'), response('fp', T0 + 6))).toBe(true);
    expect(await after.claim(claimAt(T0 + 7, 'new'), 'fp', POLICY)).toEqual({ claimed: true });
  });
});
