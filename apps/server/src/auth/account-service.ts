import {
  type Clock,
  ConflictError,
  ForbiddenError,
  type IdGenerator,
  NotFoundError,
  TesseraError,
  ValidationError,
} from '@tessera/core';
import { isUniqueViolation } from '@tessera/db';
import { type Role, type User, userValidator } from '@tessera/schema';
import { hasScope, type Principal } from '../http/principal';
import { LoginRateLimitedError } from './auth-errors';
import { throttleKey } from './login-service';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from './password-hasher';
import type { SessionStore } from './session-store';
import type { UserAccount, UserStore } from './user-store';

export interface NewAccount {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly password?: string;
}

export interface PasswordChange {
  readonly password: string;
  readonly currentPassword?: string;
  /** The client address, for the brute-force throttle on `currentPassword`. */
  readonly ip: string;
}

export interface AccountDeps {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly passwords: PasswordHasher;
  readonly throttle: LoginThrottle;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Users with optional passwords (Argon2id PHC strings in `user_credentials`). */
export function createAccountService(deps: AccountDeps) {
  const { users, sessions, passwords, throttle, clock, ids } = deps;

  async function checkCurrentPassword(orgId: string, userId: string, change: PasswordChange): Promise<void> {
    const stored = await users.passwordHash(orgId, userId);
    if (stored === null) return;
    if (change.currentPassword === undefined) {
      throw new ValidationError([
        { path: '/current_password', code: 'required', message: 'required to change your own password' },
      ]);
    }
    const key = throttleKey(userId, change.ip);
    const wait = throttle.attempt(key);
    if (wait !== null) throw new LoginRateLimitedError(wait);
    if (!(await passwords.verify(stored, change.currentPassword))) {
      throw new TesseraError('current_password_mismatch', 403, 'current_password is wrong');
    }
    throttle.succeeded(key);
  }

  return {
    /** Emails are stored lower-cased and are unique within the organization (409 `email_taken`). */
    async createUser(orgId: string, input: NewAccount): Promise<UserAccount> {
      const user: User = {
        id: ids.next('usr'),
        org_id: orgId,
        email: input.email.toLowerCase(),
        name: input.name,
        role: input.role,
        created_at: clock.now(),
      };
      const checked = userValidator.validate(user);
      if (!checked.ok) throw new ValidationError(checked.issues);
      const taken = () => new ConflictError('email_taken', 'a user with this email already exists');
      if (await users.emailTaken(orgId, user.email)) throw taken();
      const hash = input.password === undefined ? null : await passwords.hash(input.password);
      try {
        await users.create(user, hash);
      } catch (error) {
        if (isUniqueViolation(error)) throw taken();
        throw error;
      }
      return { ...user, has_password: hash !== null };
    },

    /**
     * Admins set anyone's password in their organization; other callers only their own, proving the current
     * one when they have it. Another organization's user is a 404. The user's other sessions end.
     */
    async setPassword(principal: Principal, userId: string, change: PasswordChange): Promise<void> {
      const target = await users.get(principal.orgId, userId);
      if (target === undefined) throw new NotFoundError('user', userId);
      const isAdmin = hasScope(principal, 'admin');
      if (!isAdmin && principal.userId !== userId) {
        throw new ForbiddenError("only admins may set another user's password");
      }
      if (!isAdmin) await checkCurrentPassword(principal.orgId, userId, change);
      const hash = await passwords.hash(change.password);
      const now = clock.now();
      await users.setPassword(principal.orgId, userId, hash, now);
      const keep =
        principal.kind === 'session' && principal.userId === userId ? principal.credentialId : null;
      await sessions.revokeForUser(principal.orgId, userId, now, keep);
    },
  };
}
export type AccountService = ReturnType<typeof createAccountService>;
