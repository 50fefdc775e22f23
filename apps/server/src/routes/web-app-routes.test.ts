import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

const INDEX =
  '<!doctype html><div id="root"></div><script type="module" src="/static/index-abc.js"></script>';

function builtApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-web-'));
  mkdirSync(join(dir, 'static'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'static', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside static');
  symlinkSync(join(dir, 'secret.txt'), join(dir, 'static', 'link.js'));
  return dir;
}

describe.each(testDatabases().slice(0, 1))('the web app at /', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  it('answers every app route with index.html and a strict CSP, without credentials', async () => {
    t = await createTestApp(db, { webDir: builtApp() });
    for (const url of ['/', '/login', '/keys', '/projects/cars/label', '/projects/cars?x=1']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('serves the hashed build files as immutable, and nothing outside static/', async () => {
    t = await createTestApp(db, { webDir: builtApp() });
    const js = await t.app.inject({ method: 'GET', url: '/static/index-abc.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    for (const url of [
      '/static/link.js',
      '/static/..%2Fsecret.txt',
      '/static/missing.js',
      '/static/x.html',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).not.toContain('outside static');
    }
  });

  it('keeps API 404s as problem+json and says how to build when the app is missing', async () => {
    t = await createTestApp(db, { webDir: join(tmpdir(), 'tessera-web-not-built') });
    const api = await t.app.inject({ method: 'GET', url: '/v1/nope' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'route_not_found' });
    const page = await t.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('npm run build -w @tessera/web');
  });
});
