import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TesseraError } from '@tessera/core';

/** Encrypts small secrets at rest with AES-256-GCM; `context` (e.g. the row id) is bound as associated data. */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A 32-byte key from base64, base64url or hex text; anything else is a configuration error. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new TesseraError('invalid_config', 500, 'the secret key must be 32 bytes, in base64 or hex');
  }
  return key;
}

/**
 * The key in `<dataDir>/secret.key`, created once (mode 0600) when missing. `wx` makes concurrent first
 * starts agree: the loser of the race reads the winner's key.
 */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  const path = join(dataDir, 'secret.key');
  try {
    return parseSecretKey(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
  }
  return parseSecretKey(readFileSync(path, 'utf8'));
}

/** A box over a key obtained on first use (so processes that never touch a secret never need the key). */
export function createSecretBox(getKey: () => Buffer): SecretBox {
  let key: Buffer | undefined;
  const k = () => {
    key ??= getKey();
    return key;
  };
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', k(), iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`;
    },
    open(sealed, context) {
      const [version, payload] = sealed.split(':', 2);
      const raw = Buffer.from(payload ?? '', 'base64');
      if (version !== VERSION || raw.length < IV_BYTES + TAG_BYTES) {
        throw new TesseraError('secret_unreadable', 500, 'a stored secret is not in a known format');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', k(), raw.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const data = raw.subarray(IV_BYTES + TAG_BYTES);
        return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw new TesseraError(
          'secret_unreadable',
          500,
          'a stored secret cannot be decrypted (wrong TESSERA_SECRET_KEY?)',
          {},
          cause,
        );
      }
    },
  };
}
