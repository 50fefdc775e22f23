import { createHash, randomBytes } from 'node:crypto';

/** The web session cookie: HttpOnly, SameSite=Strict, Path=/ (and Secure when `config.cookieSecure`). */
export const SESSION_COOKIE = 'tessera_session';
/** Absolute session lifetime; the cookie's Max-Age matches. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;

const TOKEN_PATTERN = /^tss_[A-Za-z0-9_-]{43}$/;

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** A new session token (`tss_` + 32 random bytes, base64url) and a CSRF token (32 random bytes). */
export function newSessionSecrets(): { token: string; csrfToken: string } {
  return {
    token: `tss_${randomBytes(32).toString('base64url')}`,
    csrfToken: randomBytes(32).toString('base64url'),
  };
}

/** What the sessions table keeps: SHA-256 of the token, hex. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The session token from the Cookie header, or null. Only well-formed tokens are returned, so the value
 * needs no decoding (base64url is cookie-safe).
 */
export function sessionTokenFrom(headers: Headers): string | null {
  const raw = headers.cookie;
  const header = Array.isArray(raw) ? raw.join('; ') : raw;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    if (TOKEN_PATTERN.test(value)) return value;
  }
  return null;
}

/** @fastify/cookie `setCookie` options for the session cookie (`maxAgeMs` 0 clears it). */
export function sessionCookieOptions(secure: boolean, maxAgeMs: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure,
    maxAge: Math.floor(maxAgeMs / 1000),
  };
}
