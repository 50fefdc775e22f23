import { createHash } from 'node:crypto';
import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { type AuthTestKit, authTestKit } from '../testing/auth-test-kit';
import { createTestApp, type TestApp } from '../testing/test-app';

describe.each(testDatabases())('API keys over HTTP on $dialect', (db) => {
  let t: TestApp;
  let kit: AuthTestKit;
  afterEach(async () => {
    if (kit) expect(kit.leaks()).toEqual([]);
    await t?.dispose();
  });
  const setup = async () => {
    t = await createTestApp(db);
    kit = authTestKit(t);
    return t.tenant();
  };

  it('creates a key (secret once), lists without secrets, revokes within the auth cache TTL', async () => {
    const acme = await setup();
    const admin = kit.bearer(acme.adminKey);
    const created = await kit.call('POST', '/v1/keys', {
      headers: admin,
      payload: {
        name: 'etl',
        scopes: ['tasks:write', 'tasks:read'],
        rate_limit: { per_second: 5, burst: 10 },
      },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const key = String(created.body.key);
    expect(key).toMatch(/^tsr_live_[0-9A-Za-z]{43}_[0-9A-Za-z]{6}$/);
    expect(created.body).toMatchObject({ name: 'etl', scopes: ['tasks:write', 'tasks:read'], user_id: null });
    expect(key.startsWith(String(created.body.prefix))).toBe(true);
    const keyId = String(created.body.key_id);

    const listed = await kit.call('GET', '/v1/keys', { headers: admin });
    expect(listed.status).toBe(200);
    const docs = listed.body.docs as Record<string, unknown>[];
    expect(docs.map((d) => d.key_id)).toContain(keyId);
    expect(docs.find((d) => d.key_id === keyId)).toMatchObject({
      rate_limit: { per_second: 5, burst: 10 },
      revoked_at: null,
    });
    expect(listed.text).not.toContain(key);
    for (const d of docs) expect(Object.keys(d)).not.toContain('key');

    const asEtl = kit.bearer(key);
    expect((await kit.call('GET', '/v1/batches', { headers: asEtl })).status).toBe(200);
    const revoked = await kit.call('POST', `/v1/keys/${keyId}/revoke`, { headers: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked_at).toBe(new Date(t.clock.now()).toISOString());
    // Within the TTL the cached lookup may still answer; once the TTL has passed, the key is refused.
    t.clock.advance(t.ctx.config.authCacheTtlMs);
    const after = await kit.call('GET', '/v1/batches', { headers: asEtl });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('unauthenticated');
    // Revoking again is harmless and keeps the first revocation time.
    const again = await kit.call('POST', `/v1/keys/${keyId}/revoke`, { headers: admin });
    expect(again.body.revoked_at).toBe(revoked.body.revoked_at);
  });

  it('stores only SHA-256 of each key', async () => {
    const acme = await setup();
    const created = await kit.call('POST', '/v1/keys', {
      headers: kit.bearer(acme.adminKey),
      payload: { name: 'ci', scopes: ['tasks:read'] },
    });
    const key = String(created.body.key);
    const rows = await t.ctx.db.client.all<Record<string, unknown>>('SELECT * FROM api_keys WHERE id = ?', [
      String(created.body.key_id),
    ]);
    expect(rows).toHaveLength(1);
    const row = rows[0] ?? {};
    expect(row.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    const stored = JSON.stringify(await t.ctx.db.client.all('SELECT * FROM api_keys'));
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(key.slice(20));
  });

  it('binds keys to users of the same organization; the key carries the user role', async () => {
    const acme = await setup();
    const other = await t.tenant('Other');
    const annotator = await acme.user('annotator');
    const admin = kit.bearer(acme.adminKey);
    const bound = await kit.call('POST', '/v1/keys', {
      headers: admin,
      payload: { name: 'mine', scopes: ['annotate', 'projects:read'], user_id: annotator.userId },
    });
    expect(bound.status).toBe(201);
    const me = await kit.call('GET', '/v1/auth/me', { headers: kit.bearer(String(bound.body.key)) });
    expect(me.body).toMatchObject({ user_id: annotator.userId, role: 'annotator', kind: 'api_key' });
    const foreign = await kit.call('POST', '/v1/keys', {
      headers: kit.bearer(other.adminKey),
      payload: { name: 'x', scopes: ['annotate'], user_id: annotator.userId },
    });
    expect(foreign.status).toBe(404);
  });

  it('refuses to grant more than the caller holds', async () => {
    const acme = await setup();
    const manager = await acme.user('manager', ['keys:write', 'tasks:read']);
    const other = await acme.user('annotator');
    const asManager = kit.bearer(manager.key);
    const ok = await kit.call('POST', '/v1/keys', {
      headers: asManager,
      payload: { name: 'own', scopes: ['tasks:read'], user_id: manager.userId },
    });
    expect(ok.status).toBe(201);
    for (const payload of [
      { name: 'up', scopes: ['admin'] },
      { name: 'up', scopes: ['tasks:write'] },
      { name: 'up', scopes: ['tasks:read'], user_id: other.userId },
    ]) {
      const refused = await kit.call('POST', '/v1/keys', { headers: asManager, payload });
      expect(refused.status, JSON.stringify(payload)).toBe(403);
    }
    expect((await kit.call('GET', '/v1/keys', { headers: asManager })).status).toBe(200);
  });

  it("answers 404 for another organization's key and leaves it working", async () => {
    const acme = await setup();
    const other = await t.tenant('Other');
    const created = await kit.call('POST', '/v1/keys', {
      headers: kit.bearer(acme.adminKey),
      payload: { name: 'victim', scopes: ['tasks:read'] },
    });
    const keyId = String(created.body.key_id);
    const attempt = await kit.call('POST', `/v1/keys/${keyId}/revoke`, {
      headers: kit.bearer(other.adminKey),
    });
    expect(attempt.status).toBe(404);
    expect(attempt.body.code).toBe('not_found');
    const missing = await kit.call('POST', '/v1/keys/key_nope/revoke', {
      headers: kit.bearer(other.adminKey),
    });
    expect(missing.status).toBe(404);
    expect(attempt.body.detail).toBe(String(missing.body.detail).replace('key_nope', keyId));
    const otherList = await kit.call('GET', '/v1/keys', { headers: kit.bearer(other.adminKey) });
    expect(otherList.text).not.toContain(keyId);
    t.clock.advance(t.ctx.config.authCacheTtlMs);
    expect(
      (await kit.call('GET', '/v1/batches', { headers: kit.bearer(String(created.body.key)) })).status,
    ).toBe(200);
  });

  it('rejects extra and invalid fields with 400 and stores nothing', async () => {
    const acme = await setup();
    const admin = kit.bearer(acme.adminKey);
    const before = await t.ctx.db.client.all('SELECT id FROM api_keys');
    for (const extra of [
      { org_id: 'org_evil' },
      { key_hash: 'ab'.repeat(32) },
      { id: 'key_chosen' },
      { created_at: 0 },
      { revoked_at: null },
      { prefix: 'tsr_live_abcdef' },
    ]) {
      const res = await kit.call('POST', '/v1/keys', {
        headers: admin,
        payload: { name: 'x', scopes: ['tasks:read'], ...extra },
      });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: `/${Object.keys(extra)[0]}` })]);
    }
    for (const payload of [
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['root'] },
      { name: 'x', scopes: ['tasks:read', 'tasks:read'] },
      { name: '', scopes: ['tasks:read'] },
      { name: 'x', scopes: ['tasks:read'], rate_limit: { per_second: 0, burst: 1 } },
      { name: 'x', scopes: ['tasks:read'], rate_limit: { per_second: 1, burst: 1, tenant: 'x' } },
    ]) {
      expect(
        (await kit.call('POST', '/v1/keys', { headers: admin, payload })).status,
        JSON.stringify(payload),
      ).toBe(400);
    }
    expect(await t.ctx.db.client.all('SELECT id FROM api_keys')).toEqual(before);
  });

  it('pages through keys with next_token', async () => {
    const acme = await setup();
    const admin = kit.bearer(acme.adminKey);
    for (let i = 0; i < 4; i++) {
      t.clock.advance(1);
      await kit.call('POST', '/v1/keys', {
        headers: admin,
        payload: { name: `k${i}`, scopes: ['tasks:read'] },
      });
    }
    const seen: string[] = [];
    let url = '/v1/keys?limit=2';
    for (let page = 0; page < 5; page++) {
      const res = await kit.call('GET', url, { headers: admin });
      seen.push(...(res.body.docs as { name: string }[]).map((d) => d.name));
      if (!res.body.has_more) break;
      url = `/v1/keys?limit=2&next_token=${String(res.body.next_token)}`;
    }
    expect(seen).toEqual(['admin', 'k0', 'k1', 'k2', 'k3']);
  });
});
