import { createHash } from 'node:crypto';
import type { TestApp, TestTenant } from './test-app';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface CallOptions {
  readonly payload?: unknown;
  readonly headers?: Record<string, string>;
  /** Client address seen by the server (the login throttle counts per address). */
  readonly ip?: string;
}

export interface CallResult {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly text: string;
  readonly headers: Record<string, string | string[] | number | undefined>;
}

/** A logged-in web session: the cookie header to send and the CSRF token to echo. */
export interface WebSession {
  readonly cookie: string;
  readonly csrf: string;
  readonly setCookie: string;
  /** Headers for a safe request (cookie) or an unsafe one (cookie + x-csrf-token). */
  headers(unsafe?: boolean): Record<string, string>;
}

/** A test password long enough for the 12-character minimum. */
export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * In-process HTTP calls that remember every response, so a test can assert afterwards that no response
 * ever carried a secret: key or password hashes, PHC strings, or any password the test sent.
 */
export function authTestKit(t: TestApp) {
  const responses: CallResult[] = [];
  const passwords = new Set<string>([TEST_PASSWORD]);
  const keyHashes = new Set<string>();

  async function call(method: Method, url: string, options: CallOptions = {}): Promise<CallResult> {
    const payload = options.payload as Record<string, unknown> | undefined;
    for (const field of ['password', 'current_password']) {
      const value = payload?.[field];
      if (typeof value === 'string') passwords.add(value);
    }
    const res = await t.app.inject({
      method,
      url,
      headers: options.headers ?? {},
      ...(payload === undefined ? {} : { payload }),
      ...(options.ip ? { remoteAddress: options.ip } : {}),
    });
    const text = res.body;
    const body =
      text.length > 0 && text.trimStart().startsWith('{')
        ? (JSON.parse(text) as Record<string, unknown>)
        : {};
    if (typeof body.key === 'string') keyHashes.add(createHash('sha256').update(body.key).digest('hex'));
    const result = { status: res.statusCode, body, text, headers: res.headers };
    responses.push(result);
    return result;
  }

  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  async function login(email: string, password = TEST_PASSWORD, extra: Record<string, unknown> = {}) {
    const res = await call('POST', '/v1/auth/login', { payload: { email, password, ...extra } });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
    const setCookie = String(res.headers['set-cookie']);
    const cookie = setCookie.split(';')[0] ?? '';
    const csrf = String(res.body.csrf_token);
    const session: WebSession = {
      cookie,
      csrf,
      setCookie,
      headers: (unsafe = false): Record<string, string> =>
        unsafe ? { cookie, 'x-csrf-token': csrf } : { cookie },
    };
    return session;
  }

  /** Creates a user with a password through the API (as the tenant's admin); returns its id and email. */
  async function userWithPassword(tenant: TestTenant, role: string, email: string, password = TEST_PASSWORD) {
    const res = await call('POST', '/v1/users', {
      headers: bearer(tenant.adminKey),
      payload: { email, name: email.split('@')[0], role, password },
    });
    if (res.status !== 201) throw new Error(`user create failed: ${res.status} ${res.text}`);
    return { userId: String(res.body.user_id), email };
  }

  /** Every response so far: no hashes, no PHC strings, no password the test sent. */
  function leaks(): string[] {
    const found: string[] = [];
    for (const r of responses) {
      // Field names as response members (a 400 may name the unknown field the client sent, which is fine).
      const fields = ['"key_hash":', '"keyHash":', '"password_hash":', '"password":', '"token_hash":'];
      const needles = [...fields, '$argon2', ...passwords, ...keyHashes];
      for (const needle of needles)
        if (r.text.includes(needle)) found.push(`${needle} in ${r.text.slice(0, 200)}`);
    }
    return found;
  }

  return { call, bearer, login, userWithPassword, leaks, responses };
}
export type AuthTestKit = ReturnType<typeof authTestKit>;
