import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-assets-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'scene-0001.png'), PNG);
  writeFileSync(join(dir, 'assets', 'text-0001.txt'), 'Ada Lovelace worked in London.');
  writeFileSync(join(dir, 'assets', 'page.html'), '<script>alert(1)</script>');
  writeFileSync(join(dir, 'assets', '.hidden.txt'), 'hidden file content');
  writeFileSync(join(dir, 'secret.txt'), 'outside the assets folder');
  writeFileSync(join(dir, 'tessera.db'), 'database');
  symlinkSync(join(dir, 'secret.txt'), join(dir, 'assets', 'link.txt'));
  mkdirSync(join(dir, 'assets', 'folder.png'));
  return dir;
}

describe.each(testDatabases().slice(0, 1))('GET /assets/:file', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  it('serves images and text with their content type, nosniff and a length, without credentials', async () => {
    t = await createTestApp(db, { dataDir: dataDir() });
    const png = await t.app.inject({ method: 'GET', url: '/assets/scene-0001.png' });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['x-content-type-options']).toBe('nosniff');
    expect(png.headers['content-security-policy']).toBe('sandbox');
    expect(png.headers['content-length']).toBe(String(PNG.length));
    expect(png.rawPayload.equals(PNG)).toBe(true);
    const text = await t.app.inject({ method: 'GET', url: '/assets/text-0001.txt' });
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body).toBe('Ada Lovelace worked in London.');
    const head = await t.app.inject({ method: 'HEAD', url: '/assets/scene-0001.png' });
    expect(head.statusCode).toBe(200);
  });

  it.each([
    '/assets/missing.png',
    '/assets/..%2Fsecret.txt',
    '/assets/%2E%2E%2Fsecret.txt',
    '/assets/..%2F..%2Fetc%2Fpasswd',
    '/assets/%2Fetc%2Fpasswd',
    '/assets/..%5Csecret.txt',
    '/assets/.hidden.txt',
    '/assets/page.html',
    '/assets/link.txt',
    '/assets/folder.png',
    '/assets/tessera.db',
    '/assets/scene-0001.png%00.txt',
  ])('%s is a 404 problem', async (url) => {
    t = await createTestApp(db, { dataDir: dataDir() });
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).not.toContain('outside the assets folder');
    expect(res.body).not.toContain('hidden file content');
    expect(res.body).not.toContain('database');
  });

  it('/assets/.. is the path / (the web app page), never a listing or a file of the data folder', async () => {
    t = await createTestApp(db, { dataDir: dataDir() });
    const res = await t.app.inject({ method: 'GET', url: '/assets/..' });
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const secret of ['outside the assets folder', 'hidden file content', 'database', 'scene-0001']) {
      expect(res.body).not.toContain(secret);
    }
  });

  it('answers 404 when the data folder has no assets', async () => {
    t = await createTestApp(db);
    expect((await t.app.inject({ method: 'GET', url: '/assets/scene-0001.png' })).statusCode).toBe(404);
  });
});
