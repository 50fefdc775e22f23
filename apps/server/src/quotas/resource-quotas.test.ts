import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabases } from '@tessera/db';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestTenant } from '../testing/test-app';
import { tableResolver } from '../testing/webhook-test-kit';

const ENDPOINTS = 2;
const png = (width: number, r: number) =>
  sharp({ create: { width, height: 32, channels: 3, background: { r, g: 40, b: 90 } } })
    .png()
    .toBuffer();

describe.each(testDatabases())('webhook-endpoint and storage quotas on $dialect', (db) => {
  let t: TestApp;
  let dataDir: string;
  let a: Buffer;
  let b: Buffer;

  beforeAll(async () => {
    a = await png(40, 10);
    b = await png(48, 200);
    dataDir = mkdtempSync(join(tmpdir(), 'tessera-quotas-'));
    const dns = tableResolver({ 'hooks.example': ['93.184.215.14'] });
    t = await createTestApp(
      db,
      { dataDir, quotas: { tasks: null, webhookEndpoints: ENDPOINTS, assetBytes: a.length + b.length - 1 } },
      { webhookNet: { resolver: dns.resolver } },
    );
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const auth = (tenant: TestTenant) => ({ authorization: `Bearer ${tenant.adminKey}` });
  const count = async (sql: string, orgId: string) =>
    Number((await t.ctx.db.client.all<{ n: number | string }>(sql, [orgId]))[0]?.n);

  it('webhook endpoints past the quota: 429 quota_exceeded naming it; nothing stored', async () => {
    const acme = await t.tenant('Acme');
    const create = () =>
      t.app.inject({
        method: 'POST',
        url: '/v1/webhooks',
        headers: auth(acme),
        payload: { url: 'https://hooks.example/x', event_types: ['task.completed'] },
      });
    for (let i = 0; i < ENDPOINTS; i++) expect((await create()).statusCode).toBe(201);
    const refused = await create();
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({
      code: 'quota_exceeded',
      quota: 'webhook_endpoints',
      limit: ENDPOINTS,
      used: ENDPOINTS,
      requested: 1,
    });
    expect(await count('SELECT COUNT(*) AS n FROM webhook_endpoints WHERE org_id = ?', acme.orgId)).toBe(
      ENDPOINTS,
    );
  });

  it('asset bytes are charged per organization and file; past the quota 413 quota_exceeded, no file', async () => {
    const acme = await t.tenant('Acme assets');
    const upload = (tenant: TestTenant, bytes: Buffer) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/assets',
        headers: { ...auth(tenant), 'content-type': 'image/png' },
        payload: bytes,
      });
    const first = await upload(acme, a);
    expect(first.statusCode).toBe(201);
    const fileA = String(first.json().uri).replace('/assets/', '');
    // The same bytes again: the same file, charged once.
    expect((await upload(acme, a)).statusCode).toBe(201);
    expect(await count('SELECT SUM(bytes) AS n FROM org_assets WHERE org_id = ?', acme.orgId)).toBe(a.length);
    const refused = await upload(acme, b);
    expect(refused.statusCode).toBe(413);
    expect(refused.json()).toMatchObject({
      code: 'quota_exceeded',
      quota: 'asset_bytes',
      limit: a.length + b.length - 1,
      used: a.length,
      requested: b.length,
    });
    expect(readdirSync(join(dataDir, 'assets'))).toEqual([fileA]);
    // Another organization storing the same file is charged for it too, and has room for the other file.
    const globex = await t.tenant('Globex assets');
    expect((await upload(globex, b)).statusCode).toBe(201);
    expect((await upload(globex, a)).statusCode).toBe(413);
    expect(await count('SELECT SUM(bytes) AS n FROM org_assets WHERE org_id = ?', globex.orgId)).toBe(
      b.length,
    );
    expect(await count('SELECT COUNT(*) AS n FROM quota_reservations WHERE org_id = ?', acme.orgId)).toBe(0);
  });
});
