import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/** OWASP Password Storage Cheat Sheet, Argon2id option 1: m = 19 MiB, t = 2, p = 1. */
export const ARGON2_PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface PasswordHasher {
  /** A PHC string: `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`. */
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a stored value that is not a valid PHC string. */
  verify(phc: string, password: string): Promise<boolean>;
  /**
   * Spends the same work as `verify` against a throwaway hash, so a login for an unknown account takes as
   * long as one with a wrong password.
   */
  verifyDummy(password: string): Promise<void>;
  /** True when a stored hash was made with other parameters (rehash it after a successful login). */
  needsRehash(phc: string): boolean;
}

/** Argon2id password hashing at the OWASP parameters (argon2's work runs on the libuv thread pool). */
export function createPasswordHasher(): PasswordHasher {
  const hash = (password: string) => argon2.hash(password, { type: argon2.argon2id, ...ARGON2_PARAMS });
  let dummy: Promise<string> | null = null;
  const verify = async (phc: string, password: string) => {
    try {
      return await argon2.verify(phc, password);
    } catch {
      return false;
    }
  };
  return {
    hash,
    verify,
    async verifyDummy(password) {
      dummy ??= hash(randomBytes(32).toString('base64url'));
      await verify(await dummy, password);
    },
    needsRehash(phc) {
      try {
        return !phc.startsWith('$argon2id$') || argon2.needsRehash(phc, ARGON2_PARAMS);
      } catch {
        return true;
      }
    },
  };
}
