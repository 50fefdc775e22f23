import type { Clock, IdGenerator } from '@tessera/core';
import type { SqlClient } from '@tessera/db';
import { type AccountService, createAccountService } from './account-service';
import { type ApiKeyService, createApiKeyService } from './api-key-service';
import type { ApiKeyStore } from './api-key-store';
import { createLoginService, type LoginService } from './login-service';
import { createLoginThrottle, type LoginThrottle } from './login-throttle';
import { createPasswordHasher, type PasswordHasher } from './password-hasher';
import { createSessionAuthenticator, type SessionAuthenticator } from './session-authenticator';
import { createSessionStore, type SessionStore } from './session-store';
import { createUserStore, type UserStore } from './user-store';

/** Users, passwords, web sessions and API-key management, built once by the composition root. */
export interface AuthServices {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly passwords: PasswordHasher;
  /** Failed password attempts per (account, IP), in this process's memory. */
  readonly throttle: LoginThrottle;
  readonly sessionAuthenticator: SessionAuthenticator;
  readonly keys: ApiKeyService;
  readonly login: LoginService;
  readonly accounts: AccountService;
}

export interface AuthDeps {
  readonly db: SqlClient;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly apiKeys: ApiKeyStore;
}

export function createAuthServices({ db, clock, ids, apiKeys }: AuthDeps): AuthServices {
  const users = createUserStore(db);
  const sessions = createSessionStore(db);
  const passwords = createPasswordHasher();
  const throttle = createLoginThrottle(clock);
  const shared = { users, sessions, passwords, throttle, clock, ids };
  return {
    users,
    sessions,
    passwords,
    throttle,
    sessionAuthenticator: createSessionAuthenticator(sessions, clock),
    keys: createApiKeyService(apiKeys, clock, ids),
    login: createLoginService(shared),
    accounts: createAccountService(shared),
  };
}
