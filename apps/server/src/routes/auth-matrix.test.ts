import { testDatabases } from '@tessera/db';
import { authRoutes, type Scope } from '@tessera/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { type AuthTestKit, authTestKit, TEST_PASSWORD } from '../testing/auth-test-kit';
import { createTestApp, type TestApp, type TestTenant } from '../testing/test-app';

type Role = 'admin' | 'manager' | 'reviewer' | 'annotator';
const ROLES: readonly Role[] = ['admin', 'manager', 'reviewer', 'annotator'];

interface Caller {
  readonly label: string;
  readonly userId: string | null;
  headers(unsafe: boolean): Record<string, string>;
}

interface Operation {
  readonly operationId: keyof typeof authRoutes | 'setPasswordSelf';
  /** Which callers succeed: everyone else gets 403 (401 without credentials). */
  readonly allowed: (role: Role | 'keys-only') => boolean;
  run(caller: Caller): Promise<number>;
}

/**
 * BFLA matrix (reliability-tests T3) over the auth routes: each role, through an API key with the role's
 * scopes and through a web session, against every operation; plus a key holding only `keys:write`.
 */
describe.each(testDatabases())('auth routes: role × operation matrix on $dialect', (db) => {
  let t: TestApp;
  let kit: AuthTestKit;
  afterEach(async () => {
    if (kit) expect(kit.leaks()).toEqual([]);
    await t?.dispose();
  });

  function operations(acme: TestTenant, victimId: string): Operation[] {
    let n = 0;
    const admin = kit.bearer(acme.adminKey);
    const status = async (
      caller: Caller,
      method: 'GET' | 'POST',
      url: string,
      payload?: Record<string, unknown>,
    ) => (await kit.call(method, url, { headers: caller.headers(method !== 'GET'), payload })).status;
    const onlyAdmin = (r: Role | 'keys-only') => r === 'admin';
    const keyAdmins = (r: Role | 'keys-only') => r === 'admin' || r === 'keys-only';
    return [
      {
        operationId: 'createApiKey',
        allowed: keyAdmins,
        run: (c) => status(c, 'POST', '/v1/keys', { name: 'm', scopes: ['keys:write'] }),
      },
      { operationId: 'listApiKeys', allowed: keyAdmins, run: (c) => status(c, 'GET', '/v1/keys') },
      {
        operationId: 'revokeApiKey',
        allowed: keyAdmins,
        async run(c) {
          const fresh = await kit.call('POST', '/v1/keys', {
            headers: admin,
            payload: { name: 'v', scopes: ['tasks:read'] },
          });
          return status(c, 'POST', `/v1/keys/${String(fresh.body.key_id)}/revoke`);
        },
      },
      {
        operationId: 'createUser',
        allowed: onlyAdmin,
        run: (c) =>
          status(c, 'POST', '/v1/users', { email: `m${++n}@example.test`, name: 'M', role: 'annotator' }),
      },
      { operationId: 'listUsers', allowed: onlyAdmin, run: (c) => status(c, 'GET', '/v1/users') },
      {
        operationId: 'setPassword',
        allowed: onlyAdmin,
        run: (c) => status(c, 'POST', `/v1/users/${victimId}/password`, { password: TEST_PASSWORD }),
      },
      {
        operationId: 'setPasswordSelf',
        allowed: (r) => r !== 'keys-only',
        run: (c) =>
          status(c, 'POST', `/v1/users/${c.userId ?? victimId}/password`, {
            password: TEST_PASSWORD,
            current_password: TEST_PASSWORD,
          }),
      },
      { operationId: 'whoAmI', allowed: () => true, run: (c) => status(c, 'GET', '/v1/auth/me') },
      {
        operationId: 'login',
        allowed: () => true,
        run: (c) =>
          status(c, 'POST', '/v1/auth/login', { email: 'victim@example.test', password: TEST_PASSWORD }),
      },
      // Last: it ends a session caller's session.
      { operationId: 'logout', allowed: () => true, run: (c) => status(c, 'POST', '/v1/auth/logout') },
    ];
  }

  it('allows exactly what each role may do and answers 403 otherwise', async () => {
    t = await createTestApp(db);
    kit = authTestKit(t);
    const acme = await t.tenant();
    const victim = await kit.userWithPassword(acme, 'annotator', 'victim@example.test');
    const ops = operations(acme, victim.userId);
    const covered = new Set(ops.map((o) => o.operationId));
    expect(Object.keys(authRoutes).filter((id) => !covered.has(id as Operation['operationId']))).toEqual([]);

    const callers: { role: Role | 'keys-only'; caller: Caller }[] = [];
    for (const role of ROLES) {
      const viaKey = await acme.user(role);
      callers.push({
        role,
        caller: { label: `${role} key`, userId: viaKey.userId, headers: () => kit.bearer(viaKey.key) },
      });
      const account = await kit.userWithPassword(acme, role, `${role}@example.test`);
      const session = await kit.login(account.email);
      callers.push({
        role,
        caller: { label: `${role} session`, userId: account.userId, headers: (u) => session.headers(u) },
      });
    }
    const keysOnly = await acme.user('manager', ['keys:write' as Scope]);
    callers.push({
      role: 'keys-only',
      caller: {
        label: 'keys:write key without a user',
        userId: null,
        headers: () => kit.bearer(keysOnly.key),
      },
    });

    const mismatches: string[] = [];
    for (const { role, caller } of callers) {
      for (const op of ops) {
        const got = await op.run(caller);
        const ok = got >= 200 && got < 300;
        const expected = op.allowed(role);
        if (ok !== expected || (!ok && got !== 403))
          mismatches.push(`${caller.label} ${op.operationId}: ${got}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers 401 to every non-public operation without credentials', async () => {
    t = await createTestApp(db);
    kit = authTestKit(t);
    const acme = await t.tenant();
    const victim = await kit.userWithPassword(acme, 'annotator', 'victim@example.test');
    const none: Caller = { label: 'anonymous', userId: null, headers: () => ({}) };
    for (const op of operations(acme, victim.userId)) {
      const route = authRoutes[op.operationId === 'setPasswordSelf' ? 'setPassword' : op.operationId];
      const got = await op.run(none);
      expect(got, op.operationId).toBe(route.scope === 'public' ? 200 : 401);
    }
    const doc = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>>;
    };
    const documented = new Map(
      Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => [op.operationId, op])),
    );
    for (const [id, route] of Object.entries(authRoutes)) {
      expect(documented.has(id), id).toBe(true);
      expect(documented.get(id)?.security === undefined, id).toBe(route.scope === 'public');
    }
  });
});
