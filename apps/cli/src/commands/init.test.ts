import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, testDatabases } from '@tessera/db';
import { createTestApp, type TestApp } from '@tessera/server';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CliInputError } from '../cli-error';
import { initialize } from './init';
import { keysTable, parseScopes } from './keys';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const bin = join(root, 'apps/cli/bin/tessera.js');
const dirs: string[] = [];

function tessera(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'TESSERA_DATA', 'TESSERA_PG_SCHEMA']) delete env[name];
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env,
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-init-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('tessera init and keys (subprocess, SQLite)', { timeout: 120_000 }, () => {
  it('creates an organization, an admin and a key printed once; keys list shows only prefixes', async () => {
    const data = tempDir();
    const init = tessera('init', '--data', data, '--org', 'Acme', '--email', 'Ops@Acme.test');
    expect(init.code, init.stderr).toBe(0);
    const out = JSON.parse(init.stdout) as Record<string, string>;
    expect(out).toMatchObject({ org_name: 'Acme', email: 'ops@acme.test' });
    expect(out.key).toMatch(/^tsr_live_[0-9A-Za-z]{43}_[0-9A-Za-z]{6}$/);
    expect(init.stderr.trim().split('\n')).toHaveLength(1);
    expect(init.stderr).toMatch(/shown only once/);

    const table = tessera('keys', 'list', '--data', data);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^KEY_ID\s+PREFIX\s+NAME/);
    expect(table.stdout).toContain(String(out.key_id));
    const listed = tessera('keys', 'list', '--data', data, '--json');
    expect(listed.code).toBe(0);
    const keys = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(keys).toEqual([
      expect.objectContaining({
        key_id: out.key_id,
        scopes: ['admin'],
        user_id: out.user_id,
        revoked_at: null,
      }),
    ]);
    for (const text of [table.stdout, listed.stdout]) {
      expect(text).not.toContain(String(out.key));
      expect(text).not.toMatch(/[0-9a-f]{64}/);
    }

    const db = await openDatabase({ kind: 'sqlite', path: join(data, 'tessera.db') });
    try {
      const rows = await db.client.all<{ key_hash: string }>('SELECT key_hash FROM api_keys');
      expect(rows.map((r) => r.key_hash)).toEqual([
        createHash('sha256').update(String(out.key)).digest('hex'),
      ]);
      const users = await db.client.all<{ role: string }>('SELECT role FROM users');
      expect(users).toEqual([{ role: 'admin' }]);
    } finally {
      await db.close();
    }
  });

  it('creates and revokes keys, and picks the organization with --org', () => {
    const data = tempDir();
    expect(tessera('init', '--data', data, '--org', 'A').code).toBe(0);
    expect(tessera('init', '--data', data, '--org', 'B').code).toBe(0);
    const ambiguous = tessera('keys', 'list', '--data', data);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/^tessera: several organizations \(A, B\): pass --org\n$/);
    const created = tessera(
      'keys',
      'create',
      '--data',
      data,
      '--org',
      'B',
      '--name',
      'ci',
      '--scopes',
      'tasks:read',
    );
    expect(created.code, created.stderr).toBe(0);
    const key = JSON.parse(created.stdout) as Record<string, string>;
    expect(key.key).toMatch(/^tsr_live_/);
    const revoked = tessera('keys', 'revoke', key.key_id ?? '', '--data', data, '--org', 'B');
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ key_id: key.key_id, revoked_at: expect.any(String) });
    const inA = tessera('keys', 'revoke', key.key_id ?? '', '--data', data, '--org', 'A');
    expect(inA.code).toBe(2);
  });

  it('exits 2 with one line on bad input, never a stack trace', () => {
    const data = tempDir();
    expect(tessera('init', '--data', data, '--org', 'A').code).toBe(0);
    const cases = [
      ['init', '--data', data, '--email', 'not-an-email'],
      ['init', '--data', data, '--org', ' '],
      ['init', '--data', data, '--org', 'A'],
      ['keys', 'create', '--data', data, '--name', 'x', '--scopes', 'root'],
      ['keys', 'create', '--data', data, '--name', 'x', '--scopes', 'tasks:read', '--user', 'usr_nope'],
      ['keys', 'list', '--data', data, '--org', 'Nope'],
      ['keys', 'revoke', 'key_nope', '--data', data],
      ['keys', 'create', '--data', data, '--name', 'x'],
    ];
    for (const args of cases) {
      const run = tessera(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe('');
    }
  });
});

describe.each(testDatabases())('init and key helpers in process on $dialect', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  it('initializes an organization whose key authenticates as its admin', async () => {
    t = await createTestApp(db);
    const out = await initialize(t.ctx, { org: 'Acme', email: 'root@acme.test' });
    const me = await t.app.inject({
      method: 'GET',
      url: '/v1/auth/me',
      headers: { authorization: `Bearer ${out.key}` },
    });
    expect(me.json()).toMatchObject({
      org_id: out.org_id,
      user_id: out.user_id,
      role: 'admin',
      scopes: ['admin'],
    });
    await expect(initialize(t.ctx, { org: 'Acme', email: 'x@acme.test' })).rejects.toBeInstanceOf(
      CliInputError,
    );
    const [row] = await t.ctx.db.client.all<{ key_hash: string }>(
      'SELECT key_hash FROM api_keys WHERE id = ?',
      [out.key_id],
    );
    expect(row?.key_hash).toBe(createHash('sha256').update(out.key).digest('hex'));
  });

  it('parses scopes and prints a table', async () => {
    expect(parseScopes('tasks:read, tasks:read,review')).toEqual(['tasks:read', 'review']);
    expect(() => parseScopes('')).toThrow(CliInputError);
    t = await createTestApp(db);
    const acme = await t.tenant();
    const text = keysTable(await t.ctx.apiKeys.list(acme.orgId));
    expect(text.split('\n')[0]).toMatch(/^KEY_ID +PREFIX +NAME +SCOPES +USER +STATUS$/);
    expect(text).toContain('active');
  });
});
