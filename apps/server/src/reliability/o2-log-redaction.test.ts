import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedSqliteDir } from '../testing/seed-workspace';
import { type ServerProcess, spawnServer, stopServer } from '../testing/spawn-servers';
import { startVerifyingReceiver, type VerifyingReceiver } from '../testing/verifying-receiver';
import { crashServerEnv } from './crash-env';

const PASSWORD = 'O2 correct horse battery staple';
const WRONG_PASSWORD = 'O2 wrong horse battery staple';
/**
 * Lines logged outside any request: startup messages, and background work (which names its `component`).
 * Everything else must carry a reqId.
 */
const LIFECYCLE = [/^Server listening at /, /^PostgreSQL runs with /];

interface Exchange {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

function caller(baseUrl: string) {
  return async (
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<Exchange> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : {}, headers: res.headers };
  };
}

/** Keys, login (right and wrong password), a session with its CSRF token, webhooks and a secret rotation. */
async function exercise(url: string, adminKey: string, receiver: VerifyingReceiver): Promise<string[]> {
  const call = caller(url);
  const admin = { authorization: `Bearer ${adminKey}` };
  const created = await call('POST', '/v1/keys', admin, { name: 'o2', scopes: ['admin'] });
  const key = String(created.body.key);
  const basic = { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
  expect((await call('GET', '/v1/keys', basic)).status).toBe(200);
  const user = await call(
    'POST',
    '/v1/users',
    { authorization: `Bearer ${key}` },
    {
      email: 'o2@reliability.test',
      name: 'O2',
      role: 'manager',
      password: PASSWORD,
    },
  );
  expect(user.status).toBe(201);
  expect(
    (await call('POST', '/v1/auth/login', {}, { email: 'o2@reliability.test', password: WRONG_PASSWORD }))
      .status,
  ).toBe(401);
  const login = await call(
    'POST',
    '/v1/auth/login',
    {},
    { email: 'o2@reliability.test', password: PASSWORD },
  );
  expect(login.status).toBe(200);
  const cookie = String(login.headers.get('set-cookie')).split(';')[0] ?? '';
  const csrf = String(login.body.csrf_token);
  const session = { cookie, 'x-csrf-token': csrf };
  expect((await call('GET', '/v1/auth/me', session)).status).toBe(200);
  const hook = await call('POST', '/v1/webhooks', admin, {
    url: receiver.url,
    event_types: ['task.completed'],
  });
  expect(hook.status, JSON.stringify(hook.body)).toBe(201);
  const rotated = await call(
    'POST',
    `/v1/webhooks/${String(hook.body.endpoint_id)}/rotate-secret`,
    admin,
    {},
  );
  expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
  const callback = await call('POST', '/v1/webhooks/callback/rotate-secret', admin, {});
  const revoked = await call('POST', `/v1/keys/${String(created.body.key_id)}/revoke`, admin, {});
  expect(revoked.status).toBe(200);
  expect((await call('POST', '/v1/auth/logout', session, {})).status).toBeLessThan(300);
  const secrets = [key, adminKey, PASSWORD, WRONG_PASSWORD, cookie.split('=')[1] ?? '', csrf];
  for (const b of [hook.body, rotated.body, callback.body])
    if (typeof b.secret === 'string') secrets.push(b.secret);
  secrets.push(
    ...secrets.filter((s) => s.startsWith('tsr_')).map((k) => createHash('sha256').update(k).digest('hex')),
  );
  return secrets.filter((s) => s.length >= 8);
}

describe('O2 logs: a reqId on every request line, no secrets anywhere', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-o2-'));
  let server: ServerProcess | undefined;
  let receiver: VerifyingReceiver | undefined;
  afterAll(async () => {
    if (server) await stopServer(server);
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('info-level logs of keys, logins, sessions and webhook secrets contain none of them', async () => {
    const seeded = await seedSqliteDir(dir, { annotators: 1, tasks: 1 });
    receiver = await startVerifyingReceiver();
    const logFile = join(dir, 'serve.log');
    const env = {
      TESSERA_DATA: dir,
      TESSERA_LOG_FILE: logFile,
      TESSERA_LOG_LEVEL: 'info',
      TESSERA_SSRF_ALLOWLIST: '127.0.0.1',
    };
    server = await spawnServer(crashServerEnv(env));
    const secrets = await exercise(server.url, seeded.adminKey, receiver);
    expect(secrets.length).toBeGreaterThanOrEqual(9);
    await stopServer(server);
    server = undefined;

    const log = readFileSync(logFile, 'utf8');
    const lines = log
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.reqId !== undefined).length).toBeGreaterThan(20);
    const orphans = lines.filter(
      (l) =>
        l.reqId === undefined && l.component === undefined && !LIFECYCLE.some((re) => re.test(String(l.msg))),
    );
    expect(orphans).toEqual([]);
    expect(secrets.filter((s) => log.includes(s))).toEqual([]);
    expect(log).not.toMatch(/tsr_(live|test)_/);
  }, 60_000);
});
