import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretBox, loadOrCreateKeyFile, parseSecretKey } from './secret-box';

const KEY = Buffer.alloc(32, 7);

describe('secret box (AES-256-GCM at rest)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('round-trips, never stores the plaintext, and binds the ciphertext to its row', () => {
    const box = createSecretBox(() => KEY);
    const secret = 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlYw==';
    const sealed = box.seal(secret, 'webhook_endpoint:wh_1');
    expect(sealed).not.toContain(secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.seal(secret, 'webhook_endpoint:wh_1')).not.toBe(sealed); // fresh IV each time
    expect(box.open(sealed, 'webhook_endpoint:wh_1')).toBe(secret);
    expect(() => box.open(sealed, 'webhook_endpoint:wh_2')).toThrow(/cannot be decrypted/);
    expect(() => createSecretBox(() => Buffer.alloc(32, 8)).open(sealed, 'webhook_endpoint:wh_1')).toThrow();
    const tampered = `${sealed.slice(0, -4)}AAA=`;
    expect(() => box.open(tampered, 'webhook_endpoint:wh_1')).toThrow();
  });

  it('accepts 32-byte keys in hex or base64 only', () => {
    expect(parseSecretKey(KEY.toString('hex'))).toEqual(KEY);
    expect(parseSecretKey(KEY.toString('base64'))).toEqual(KEY);
    expect(() => parseSecretKey('short')).toThrow(/32 bytes/);
  });

  it('creates the key file once, mode 0600, and reads the same key afterwards', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-key-'));
    dirs.push(dir);
    const data = join(dir, 'data');
    const first = loadOrCreateKeyFile(data);
    expect(first).toHaveLength(32);
    expect(statSync(join(data, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeyFile(data)).toEqual(first);
    expect(parseSecretKey(readFileSync(join(data, 'secret.key'), 'utf8'))).toEqual(first);
  });

  it('asks for the key only when a secret is first sealed or opened', () => {
    let asked = 0;
    const box = createSecretBox(() => {
      asked += 1;
      return KEY;
    });
    expect(asked).toBe(0);
    box.open(box.seal('x', 'c'), 'c');
    expect(asked).toBe(1);
  });
});
