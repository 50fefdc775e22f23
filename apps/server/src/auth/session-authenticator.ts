import type { Clock } from '@tessera/core';
import { type Authenticator, type Principal, ROLE_SCOPES } from '../http/principal';
import { hashSessionToken, sessionTokenFrom } from './session-cookie';
import type { SessionStore } from './session-store';

export interface SessionAuthenticator extends Authenticator {
  /** The CSRF token of a session principal this authenticator resolved; null for any other principal. */
  csrfTokenOf(principal: Principal): string | null;
}

/**
 * Resolves the `tessera_session` cookie to a principal with its user's role and `ROLE_SCOPES[role]`
 * (credentialId = session id). Sessions are read on every request, so logout and revocation are immediate.
 */
export function createSessionAuthenticator(store: SessionStore, clock: Clock): SessionAuthenticator {
  const csrf = new WeakMap<Principal, string>();
  return {
    async authenticate(headers) {
      const token = sessionTokenFrom(headers);
      if (token === null) return null;
      const session = await store.findActive(hashSessionToken(token), clock.now());
      if (session === undefined) return null;
      const principal: Principal = {
        orgId: session.orgId,
        credentialId: session.id,
        kind: 'session',
        scopes: new Set(ROLE_SCOPES[session.role] ?? []),
        userId: session.userId,
        role: session.role,
        rateLimit: null,
      };
      csrf.set(principal, session.csrfToken);
      return principal;
    },
    csrfTokenOf(principal) {
      return csrf.get(principal) ?? null;
    },
  };
}
