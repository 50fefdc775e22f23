import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_TTL_MS } from '../auth/session-cookie';
import { type AuthTestKit, authTestKit, TEST_PASSWORD } from '../testing/auth-test-kit';
import { createTestApp, type TestApp } from '../testing/test-app';

describe.each(testDatabases())('web sessions over HTTP on $dialect', (db) => {
  let t: TestApp;
  let kit: AuthTestKit;
  afterEach(async () => {
    if (kit) expect(kit.leaks()).toEqual([]);
    await t?.dispose();
  });
  const setup = async (overrides = {}) => {
    t = await createTestApp(db, overrides);
    kit = authTestKit(t);
    return t.tenant();
  };

  it('logs in with a hardened cookie, answers me, and logs out', async () => {
    const acme = await setup();
    const mia = await kit.userWithPassword(acme, 'manager', 'mia@example.test');
    const session = await kit.login('MIA@example.test');
    expect(session.setCookie).toMatch(/^tessera_session=tss_[A-Za-z0-9_-]{43};/);
    const attributes = session.setCookie.split('; ').slice(1);
    expect(attributes).toEqual(
      expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${SESSION_TTL_MS / 1000}`]),
    );
    expect(attributes).not.toContain('Secure');
    const me = await kit.call('GET', '/v1/auth/me', { headers: session.headers() });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      org_id: acme.orgId,
      user_id: mia.userId,
      role: 'manager',
      kind: 'session',
      scopes: [
        'annotate',
        'projects:read',
        'projects:write',
        'results:read',
        'review',
        'tasks:read',
        'tasks:write',
        'webhooks:write',
      ],
      csrf_token: session.csrf,
    });
    // The session works on the rest of the API with its role's scopes.
    expect((await kit.call('GET', '/v1/projects', { headers: session.headers() })).status).toBe(200);
    const stored = await t.ctx.db.client.all<{ token_hash: string }>('SELECT token_hash FROM sessions');
    const token = session.cookie.split('=')[1] ?? '';
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const out = await kit.call('POST', '/v1/auth/logout', { headers: session.headers(true) });
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/^tessera_session=;.*Max-Age=0/);
    expect((await kit.call('GET', '/v1/auth/me', { headers: session.headers() })).status).toBe(401);
    const asKey = await kit.call('GET', '/v1/auth/me', { headers: kit.bearer(acme.adminKey) });
    expect(asKey.body).toEqual({
      org_id: acme.orgId,
      user_id: acme.adminUserId,
      role: 'admin',
      kind: 'api_key',
      scopes: ['admin'],
    });
  });

  it('marks the cookie Secure when configured, and expires sessions', async () => {
    const acme = await setup({ cookieSecure: true });
    await kit.userWithPassword(acme, 'reviewer', 'rae@example.test');
    const session = await kit.login('rae@example.test');
    expect(session.setCookie.split('; ')).toContain('Secure');
    t.clock.advance(SESSION_TTL_MS);
    expect((await kit.call('GET', '/v1/auth/me', { headers: session.headers() })).status).toBe(401);
  });

  it('refuses unsafe session requests without the CSRF token; API keys are exempt', async () => {
    const acme = await setup();
    await kit.userWithPassword(acme, 'admin', 'ada@example.test');
    const session = await kit.login('ada@example.test');
    const project = { name: 'cars', modality: 'image' };
    for (const headers of [session.headers(), { ...session.headers(), 'x-csrf-token': 'forged' }]) {
      for (const [url, payload] of [
        ['/v1/projects', project],
        ['/v1/keys', { name: 'k', scopes: ['tasks:read'] }],
        ['/v1/auth/logout', undefined],
      ] as const) {
        const res = await kit.call('POST', url, { headers, payload });
        expect(res.status, url).toBe(403);
        expect(res.body.code).toBe('csrf_failed');
      }
    }
    const other = await kit.login('ada@example.test');
    const crossed = await kit.call('POST', '/v1/projects', {
      headers: { cookie: session.cookie, 'x-csrf-token': other.csrf },
      payload: project,
    });
    expect(crossed.status).toBe(403);
    expect((await kit.call('GET', '/v1/projects', { headers: session.headers() })).status).toBe(200);
    const ok = await kit.call('POST', '/v1/projects', { headers: session.headers(true), payload: project });
    expect(ok.status, ok.text).toBe(201);
    const viaKey = await kit.call('POST', '/v1/projects', {
      headers: kit.bearer(acme.adminKey),
      payload: { ...project, name: 'bikes' },
    });
    expect(viaKey.status).toBe(201);
  });

  it('locks out an account from one address after 10 failed logins (429 + Retry-After)', async () => {
    const acme = await setup();
    await kit.userWithPassword(acme, 'annotator', 'ann@example.test');
    const attempt = (password: string, ip = '10.0.0.1') =>
      kit.call('POST', '/v1/auth/login', { payload: { email: 'ann@example.test', password }, ip });
    for (let i = 0; i < 10; i++) {
      const res = await attempt(`wrong password ${i}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid_credentials');
    }
    const locked = await attempt(TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBe(15 * 60);
    expect((await attempt(TEST_PASSWORD, '10.0.0.2')).status).toBe(200);
    t.clock.advance(15 * 60_000);
    expect((await attempt(TEST_PASSWORD)).status).toBe(200);
  });

  it('answers unknown accounts exactly like wrong passwords, and picks the organization', async () => {
    const acme = await setup();
    const other = await t.tenant('Other');
    const a = await kit.userWithPassword(acme, 'annotator', 'sam@example.test');
    const unknown = await kit.call('POST', '/v1/auth/login', {
      payload: { email: 'nobody@example.test', password: TEST_PASSWORD },
    });
    const wrong = await kit.call('POST', '/v1/auth/login', {
      payload: { email: 'sam@example.test', password: 'wrong password' },
    });
    const noPassword = await kit.call('POST', '/v1/auth/login', {
      payload: { email: `admin@${acme.orgId}.test`, password: TEST_PASSWORD },
    });
    const strip = (b: Record<string, unknown>) => ({ ...b, request_id: null });
    expect([unknown.status, wrong.status, noPassword.status]).toEqual([401, 401, 401]);
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(strip(noPassword.body)).toEqual(strip(wrong.body));

    // The same email in a second organization: ambiguous without org_id, chosen with it.
    const b = await kit.userWithPassword(other, 'reviewer', 'sam@example.test');
    const ambiguous = await kit.call('POST', '/v1/auth/login', {
      payload: { email: 'sam@example.test', password: TEST_PASSWORD },
      ip: '10.0.0.9',
    });
    expect(ambiguous.status).toBe(401);
    for (const [tenant, user] of [
      [acme, a],
      [other, b],
    ] as const) {
      const s = await kit.login('sam@example.test', TEST_PASSWORD, { org_id: tenant.orgId });
      const me = await kit.call('GET', '/v1/auth/me', { headers: s.headers() });
      expect(me.body).toMatchObject({ org_id: tenant.orgId, user_id: user.userId });
    }
    const wrongOrg = await kit.call('POST', '/v1/auth/login', {
      payload: { email: 'sam@example.test', password: TEST_PASSWORD, org_id: 'org_nope' },
    });
    expect(wrongOrg.status).toBe(401);
  });

  it('rejects extra login fields with 400', async () => {
    await setup();
    for (const extra of [{ role: 'admin' }, { user_id: 'usr_x' }, { scopes: ['admin'] }]) {
      const res = await kit.call('POST', '/v1/auth/login', {
        payload: { email: 'x@example.test', password: TEST_PASSWORD, ...extra },
      });
      expect(res.status).toBe(400);
    }
    expect(await t.ctx.db.client.all('SELECT id FROM sessions')).toEqual([]);
  });
});
