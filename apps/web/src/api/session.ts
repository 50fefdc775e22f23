import { createClient, type FetchLike, type TesseraClient } from '@tessera/client';
import type { WhoAmIDto } from '@tessera/schema';

/**
 * The browser's API client. The session cookie (HttpOnly) travels by itself on same-origin requests; unsafe
 * methods must echo the session's CSRF token, which comes from the login response or, after a reload, from
 * `GET /v1/auth/me`.
 */
export interface Session {
  readonly client: TesseraClient;
  setCsrfToken(token: string | null): void;
}

export function createSession(baseUrl: string = window.location.origin): Session {
  let csrf: string | null = null;
  const browserFetch: FetchLike = (url, init) =>
    window.fetch(url, {
      ...init,
      credentials: 'same-origin',
      headers:
        csrf === null || init.method === 'GET' ? init.headers : { ...init.headers, 'x-csrf-token': csrf },
    });
  const client = createClient({ baseUrl, fetch: browserFetch, retries: 2, backoffMs: 300 });
  return {
    client,
    setCsrfToken(token) {
      csrf = token;
    },
  };
}

export type Me = WhoAmIDto;

export const hasScope = (me: Me, scope: string): boolean =>
  me.scopes.includes(scope) || me.scopes.includes('admin');
