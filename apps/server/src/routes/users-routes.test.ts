import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { type AuthTestKit, authTestKit, TEST_PASSWORD } from '../testing/auth-test-kit';
import { createTestApp, type TestApp } from '../testing/test-app';

const NEW_PASSWORD = 'a much longer new passphrase';

describe.each(testDatabases())('users and passwords over HTTP on $dialect', (db) => {
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
  const storedHash = async (userId: string) =>
    (
      await t.ctx.db.client.all<{ password_hash: string }>(
        'SELECT password_hash FROM user_credentials WHERE user_id = ?',
        [userId],
      )
    )[0]?.password_hash;

  it('creates users with Argon2id PHC hashes at the OWASP parameters, and lists them', async () => {
    const acme = await setup();
    const admin = kit.bearer(acme.adminKey);
    const created = await kit.call('POST', '/v1/users', {
      headers: admin,
      payload: { email: 'Ann@Example.test', name: 'Ann', role: 'annotator', password: TEST_PASSWORD },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      email: 'ann@example.test',
      role: 'annotator',
      has_password: true,
      org_id: acme.orgId,
    });
    const hash = await storedHash(String(created.body.user_id));
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    const noPassword = await kit.call('POST', '/v1/users', {
      headers: admin,
      payload: { email: 'rev@example.test', name: 'Rev', role: 'reviewer' },
    });
    expect(noPassword.body.has_password).toBe(false);
    const dup = await kit.call('POST', '/v1/users', {
      headers: admin,
      payload: { email: 'ANN@example.test', name: 'Again', role: 'manager' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('email_taken');
    const listed = await kit.call('GET', '/v1/users?limit=2', { headers: admin });
    expect(listed.body).toMatchObject({ limit: 2, has_more: true });
    const next = await kit.call('GET', `/v1/users?limit=2&next_token=${String(listed.body.next_token)}`, {
      headers: admin,
    });
    const emails = [
      ...(listed.body.docs as { email: string }[]),
      ...(next.body.docs as { email: string }[]),
    ].map((u) => u.email);
    expect(emails).toEqual([`admin@${acme.orgId}.test`, 'ann@example.test', 'rev@example.test']);
    // Same email in another organization is a different account.
    const other = await t.tenant('Other');
    const elsewhere = await kit.call('POST', '/v1/users', {
      headers: kit.bearer(other.adminKey),
      payload: { email: 'ann@example.test', name: 'Ann B', role: 'manager' },
    });
    expect(elsewhere.status).toBe(201);
    expect((await kit.call('GET', '/v1/users', { headers: kit.bearer(other.adminKey) })).text).not.toContain(
      String(created.body.user_id),
    );
  });

  it('lets admins reset passwords and users change their own with the current one', async () => {
    const acme = await setup();
    const admin = kit.bearer(acme.adminKey);
    const ann = await kit.userWithPassword(acme, 'annotator', 'ann@example.test');
    const bob = await kit.userWithPassword(acme, 'annotator', 'bob@example.test');
    const annSession = await kit.login(ann.email);
    const url = `/v1/users/${ann.userId}/password`;
    const before = await storedHash(ann.userId);

    // Ann (session) changes her own: current password required and checked.
    const missing = await kit.call('POST', url, {
      headers: annSession.headers(true),
      payload: { password: NEW_PASSWORD },
    });
    expect(missing.status).toBe(400);
    const wrong = await kit.call('POST', url, {
      headers: annSession.headers(true),
      payload: { password: NEW_PASSWORD, current_password: 'not my password' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('current_password_mismatch');
    const ok = await kit.call('POST', url, {
      headers: annSession.headers(true),
      payload: { password: NEW_PASSWORD, current_password: TEST_PASSWORD },
    });
    expect(ok.status, ok.text).toBe(200);
    expect(await storedHash(ann.userId)).not.toBe(before);
    expect((await kit.call('GET', '/v1/auth/me', { headers: annSession.headers() })).status).toBe(200);
    await kit.login(ann.email, NEW_PASSWORD);

    // Bob may not set Ann's password; an admin may, and that ends Ann's sessions.
    const bobSession = await kit.login(bob.email);
    const notHers = await kit.call('POST', url, {
      headers: bobSession.headers(true),
      payload: { password: NEW_PASSWORD },
    });
    expect(notHers.status).toBe(403);
    const reset = await kit.call('POST', url, { headers: admin, payload: { password: TEST_PASSWORD } });
    expect(reset.status).toBe(200);
    expect((await kit.call('GET', '/v1/auth/me', { headers: annSession.headers() })).status).toBe(401);
    await kit.login(ann.email, TEST_PASSWORD);
  });

  it("answers 404 for another organization's user and changes nothing", async () => {
    const acme = await setup();
    const other = await t.tenant('Other');
    const ann = await kit.userWithPassword(acme, 'annotator', 'ann@example.test');
    const before = await storedHash(ann.userId);
    const res = await kit.call('POST', `/v1/users/${ann.userId}/password`, {
      headers: kit.bearer(other.adminKey),
      payload: { password: NEW_PASSWORD },
    });
    expect(res.status).toBe(404);
    const outsider = await other.user('annotator');
    const asOutsider = await kit.call('POST', `/v1/users/${ann.userId}/password`, {
      headers: kit.bearer(outsider.key),
      payload: { password: NEW_PASSWORD },
    });
    expect(asOutsider.status).toBe(404);
    expect(await storedHash(ann.userId)).toBe(before);
  });

  it('rejects extra fields (mass assignment) with 400 and stores nothing', async () => {
    const acme = await setup();
    const admin = kit.bearer(acme.adminKey);
    const ann = await kit.userWithPassword(acme, 'annotator', 'ann@example.test');
    const users = async () => t.ctx.db.client.all('SELECT * FROM users ORDER BY id');
    const before = await users();
    const base = { email: 'new@example.test', name: 'New', role: 'annotator' };
    for (const extra of [
      { org_id: 'org_evil' },
      { id: 'usr_chosen' },
      { status: 'active' },
      { created_at: 0 },
      { password_hash: '$argon2id$v=19$m=1,t=1,p=1$x$y' },
    ]) {
      const res = await kit.call('POST', '/v1/users', { headers: admin, payload: { ...base, ...extra } });
      expect(res.status, JSON.stringify(extra)).toBe(400);
    }
    expect(
      (await kit.call('POST', '/v1/users', { headers: admin, payload: { ...base, role: 'owner' } })).status,
    ).toBe(400);
    expect(
      (await kit.call('POST', '/v1/users', { headers: admin, payload: { ...base, password: 'short' } }))
        .status,
    ).toBe(400);
    const url = `/v1/users/${ann.userId}/password`;
    for (const extra of [{ role: 'admin' }, { org_id: 'org_evil' }, { user_id: 'usr_other' }]) {
      const res = await kit.call('POST', url, {
        headers: admin,
        payload: { password: NEW_PASSWORD, ...extra },
      });
      expect(res.status, JSON.stringify(extra)).toBe(400);
    }
    expect(await users()).toEqual(before);
  });
});
