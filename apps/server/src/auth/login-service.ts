import type { Clock, IdGenerator } from '@tessera/core';
import type { Principal } from '../http/principal';
import { InvalidCredentialsError, LoginRateLimitedError } from './auth-errors';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from './password-hasher';
import { hashSessionToken, newSessionSecrets, SESSION_TTL_MS } from './session-cookie';
import type { SessionStore } from './session-store';
import type { UserAccount, UserStore } from './user-store';

export interface LoginInput {
  readonly email: string;
  readonly password: string;
  /** Picks the organization when the email belongs to several. */
  readonly orgId?: string;
  /** The client address: failed attempts are counted per (account, address). */
  readonly ip: string;
}

export interface LoginResult {
  readonly user: UserAccount;
  readonly sessionId: string;
  /** The cookie value; only its SHA-256 is stored. */
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

export interface LoginDeps {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly passwords: PasswordHasher;
  readonly throttle: LoginThrottle;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** The throttle key of a password check: the account (lower-cased email) and the client address. */
export function throttleKey(account: string, ip: string): string {
  return `${account.toLowerCase()}\n${ip}`;
}

/**
 * Password logins and logouts. Every attempt does the same work whether or not the account exists (one
 * lookup, one Argon2id verification, against a dummy hash when there is no account or no password), and
 * every failure is the same 401, so neither timing nor answers reveal which emails exist.
 */
export function createLoginService(deps: LoginDeps) {
  const { users, sessions, passwords, throttle, clock, ids } = deps;

  async function startSession(user: UserAccount): Promise<LoginResult> {
    const { token, csrfToken } = newSessionSecrets();
    const now = clock.now();
    const id = ids.next('ses');
    const expiresAt = now + SESSION_TTL_MS;
    await sessions.insert({
      id,
      orgId: user.org_id,
      userId: user.id,
      tokenHash: hashSessionToken(token),
      csrfToken,
      createdAt: now,
      expiresAt,
      revokedAt: null,
    });
    return { user, sessionId: id, token, csrfToken, expiresAt };
  }

  return {
    async login(input: LoginInput): Promise<LoginResult> {
      const key = throttleKey(input.email, input.ip);
      const wait = throttle.attempt(key);
      if (wait !== null) throw new LoginRateLimitedError(wait);
      const candidates = await users.findLoginCandidates(input.email, input.orgId);
      const only = candidates.length === 1 ? candidates[0] : undefined;
      if (only === undefined || only.passwordHash === null) {
        await passwords.verifyDummy(input.password);
        throw new InvalidCredentialsError();
      }
      if (!(await passwords.verify(only.passwordHash, input.password))) throw new InvalidCredentialsError();
      throttle.succeeded(key);
      if (passwords.needsRehash(only.passwordHash)) {
        const rehashed = await passwords.hash(input.password);
        await users.setPassword(only.user.org_id, only.user.id, rehashed, clock.now());
      }
      return startSession({ ...only.user, has_password: true });
    },

    /** Ends the caller's session; a no-op for API keys. */
    async logout(principal: Principal): Promise<void> {
      if (principal.kind === 'session') {
        await sessions.revoke(principal.orgId, principal.credentialId, clock.now());
      }
    },
  };
}
export type LoginService = ReturnType<typeof createLoginService>;
