import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabases } from '@tessera/db';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FormBody, type FormPart, formBody, stagingLeft } from '../assets/multipart-test-kit';
import { createTestApp, type TestApp, type TestTenant } from '../testing/test-app';

interface FormAsset {
  name: string;
  uri: string;
  width: number;
  height: number;
  content_hash: string;
  bytes: number;
}

const rgb = (width: number, height: number, r = 200) =>
  sharp({ create: { width, height, channels: 3, background: { r, g: 40, b: 90 } } });

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(testDatabases())('multipart image upload (POST /v1/assets/form) on $dialect', (db) => {
  let t: TestApp;
  let acme: TestTenant;
  let dataDir: string;
  const assets = () => {
    try {
      return readdirSync(join(dataDir, 'assets')).sort();
    } catch {
      return [];
    }
  };
  const orgAssets = async (orgId: string) =>
    t.ctx.db.client.all<{ file: string; bytes: number }>(
      'SELECT file, bytes FROM org_assets WHERE org_id = ? ORDER BY file',
      [orgId],
    );

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tessera-form-'));
    t = await createTestApp(db, { dataDir });
    acme = await t.tenant();
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = (form: FormBody, headers: Record<string, string> = {}, key = acme.adminKey) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/assets/form',
      headers: { authorization: `Bearer ${key}`, 'content-type': form.contentType, ...headers },
      payload: form.body,
    });
  const post = (parts: readonly FormPart[], headers: Record<string, string> = {}) =>
    send(formBody(parts), headers);

  it('stores PNG, JPEG and WebP parts in part order, serves them, and charges a repeated image once', async () => {
    const png = await rgb(64, 48).png().toBuffer();
    const jpeg = await rgb(40, 30).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const webp = await rgb(20, 10).webp().toBuffer();
    const res = await post([
      { filename: 'a.png', type: 'image/png', data: png },
      { filename: 'photos/b.jpg', type: 'image/jpeg', data: jpeg },
      { filename: 'c.webp', type: 'image/webp; charset=binary', data: webp },
      { filename: 'again.png', type: 'image/png', data: png },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { assets: FormAsset[] };
    expect(body.assets).toEqual([
      {
        name: 'a.png',
        uri: `/assets/${sha(png)}.png`,
        width: 64,
        height: 48,
        content_hash: `sha256:${sha(png)}`,
        bytes: png.length,
      },
      {
        name: 'b.jpg',
        uri: `/assets/${sha(jpeg)}.jpg`,
        width: 30,
        height: 40,
        content_hash: `sha256:${sha(jpeg)}`,
        bytes: jpeg.length,
      },
      {
        name: 'c.webp',
        uri: `/assets/${sha(webp)}.webp`,
        width: 20,
        height: 10,
        content_hash: `sha256:${sha(webp)}`,
        bytes: webp.length,
      },
      {
        name: 'again.png',
        uri: `/assets/${sha(png)}.png`,
        width: 64,
        height: 48,
        content_hash: `sha256:${sha(png)}`,
        bytes: png.length,
      },
    ]);
    for (const [asset, bytes, type] of [
      [body.assets[0], png, 'image/png'],
      [body.assets[1], jpeg, 'image/jpeg'],
      [body.assets[2], webp, 'image/webp'],
    ] as const) {
      const served = await t.app.inject({ method: 'GET', url: asset?.uri ?? '' });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe(type);
      expect(served.rawPayload.equals(bytes)).toBe(true);
    }
    expect(assets()).toEqual([`${sha(jpeg)}.jpg`, `${sha(png)}.png`, `${sha(webp)}.webp`].sort());
    expect(await orgAssets(acme.orgId)).toEqual(
      [
        { file: `${sha(jpeg)}.jpg`, bytes: jpeg.length },
        { file: `${sha(png)}.png`, bytes: png.length },
        { file: `${sha(webp)}.webp`, bytes: webp.length },
      ].sort((x, y) => x.file.localeCompare(y.file)),
    );
    expect(stagingLeft(dataDir)).toEqual([]);
  });

  it('takes what a real FormData encoder sends over HTTP (undici fetch, as curl -F and browsers)', async () => {
    const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const png = await rgb(9, 7, 11).png().toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'from-form.png');
    const res = await fetch(`${url}/v1/assets/form`, {
      method: 'POST',
      headers: { authorization: `Bearer ${acme.adminKey}` },
      body: form,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      assets: [
        {
          name: 'from-form.png',
          uri: `/assets/${sha(png)}.png`,
          width: 9,
          height: 7,
          content_hash: `sha256:${sha(png)}`,
          bytes: png.length,
        },
      ],
    });
  });

  it('is described in the OpenAPI document as a multipart/form-data body of binary `file` parts', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { operationId: string; description: string; requestBody: unknown }>
      >;
    };
    const op = doc.paths['/v1/assets/form']?.post;
    expect(op?.operationId).toBe('uploadAssets');
    expect(op?.requestBody).toEqual({
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            additionalProperties: false,
            properties: {
              file: {
                type: 'array',
                minItems: 1,
                items: { type: 'string', format: 'binary' },
                description:
                  'One part per file, each with a file name and the Content-Type of the file (image/png, image/jpeg, image/webp or application/pdf)',
              },
            },
          },
        },
      },
    });
    // The caps it states are the server's configuration.
    const { maxFileBytes, maxFiles, maxBodyBytes } = t.ctx.config.upload;
    for (const cap of [maxFileBytes, maxFiles, maxBodyBytes]) expect(op?.description).toContain(String(cap));
  });

  it('refuses a request that is not multipart/form-data with 415', async () => {
    const png = await rgb(4, 4).png().toBuffer();
    for (const [type, payload] of [
      ['image/png', png],
      ['application/json', Buffer.from('{"file":[]}')],
      ['application/x-www-form-urlencoded', Buffer.from('file=x')],
      ['multipart/mixed; boundary=x', Buffer.from('--x--\r\n')],
    ] as const) {
      const res = await send({ contentType: type, body: payload });
      expect(res.statusCode, type).toBe(415);
      expect(res.json()).toMatchObject({ code: 'unsupported_media_type' });
    }
  });

  it('refuses the whole request when one part fails an image check, with that check`s code, part and name', async () => {
    const before = assets();
    const good = await rgb(12, 12, 1).png().toBuffer();
    const webp = await rgb(12, 12, 2).webp().toBuffer();
    const cut = (await rgb(300, 200, 3).jpeg().toBuffer()).subarray(0, 400);
    const cases: [FormPart, number, string][] = [
      [
        { filename: 'page.png', type: 'image/png', data: Buffer.from('<html><script>1</script></html>') },
        415,
        'unsupported_media_type',
      ],
      [{ filename: 'pic.webp', type: 'image/png', data: webp }, 415, 'content_type_mismatch'],
      [{ filename: 'pic.png', type: 'application/octet-stream', data: good }, 415, 'unsupported_media_type'],
      [{ filename: 'pic.png', data: good }, 415, 'unsupported_media_type'],
      [{ filename: 'cut.jpg', type: 'image/jpeg', data: cut }, 422, 'image_corrupt'],
    ];
    for (const [part, status, code] of cases) {
      const res = await post([{ filename: 'good.png', type: 'image/png', data: good }, part]);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json()).toMatchObject({ code, part: 1, name: part.filename });
      expect(assets()).toEqual(before);
      expect(stagingLeft(dataDir)).toEqual([]);
    }
  });

  it('refuses forms that are not one or more `file` parts with 400 and a stable code', async () => {
    const before = assets();
    const png = await rgb(6, 6, 4).png().toBuffer();
    const image: FormPart = { filename: 'a.png', type: 'image/png', data: png };
    const expectations: [FormBody, string, Record<string, unknown>][] = [
      [
        formBody([image, { field: 'org_id', data: Buffer.from('org_evil') }]),
        'unexpected_field',
        { field: 'org_id' },
      ],
      [formBody([{ ...image, field: 'image' }]), 'unexpected_field', { field: 'image' }],
      [formBody([{ ...image, field: null }]), 'unexpected_field', { field: '' }],
      [formBody([]), 'no_files', {}],
      [formBody([image], { close: false }), 'multipart_invalid', {}],
      [{ contentType: 'multipart/form-data', body: formBody([image]).body }, 'multipart_invalid', {}],
      [
        formBody([{ ...image, filename: `${'n'.repeat(252)}.png` }]),
        'filename_too_long',
        { part: 0, max_bytes: 255 },
      ],
    ];
    for (const [form, code, fields] of expectations) {
      const res = await send(form);
      expect(res.statusCode, `${code}: ${res.body}`).toBe(400);
      expect(res.json()).toMatchObject({ code, ...fields });
      expect(assets()).toEqual(before);
      expect(stagingLeft(dataDir)).toEqual([]);
    }
    // A part's file name keeps no path; 255 bytes are allowed.
    const named = await post([{ ...image, filename: `C:\\Users\\x\\${'n'.repeat(251)}.png` }]);
    expect(named.statusCode, named.body).toBe(201);
    expect((named.json() as { assets: FormAsset[] }).assets[0]?.name).toBe(`${'n'.repeat(251)}.png`);
  });

  it('asks for credentials (401) and the tasks:write scope (403) before reading the body', async () => {
    const form = formBody([{ filename: 'a.png', type: 'image/png', data: await rgb(4, 4).png().toBuffer() }]);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/v1/assets/form',
      headers: { 'content-type': form.contentType },
      payload: form.body,
    });
    expect(anonymous.statusCode).toBe(401);
    const annotator = await acme.user('annotator');
    const res = await send(form, {}, annotator.key);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden' });
  });

  it('replays a repeated Idempotency-Key with the same bytes and refuses it with other bytes', async () => {
    const headers = { 'idempotency-key': 'asset-form-1' };
    const parts: FormPart[] = [
      { filename: 'k.png', type: 'image/png', data: await rgb(5, 7).png().toBuffer() },
    ];
    const form = formBody(parts);
    const first = await send(form, headers);
    expect(first.statusCode).toBe(201);
    const replay = await send(form, headers);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const other = await post(
      [{ filename: 'k.png', type: 'image/png', data: await rgb(6, 7).png().toBuffer() }],
      headers,
    );
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_mismatch' });
    // The key covers the bytes as sent: the same image under another boundary (as FormData picks on every
    // send) is another body.
    const reencoded = await send(formBody(parts, { boundary: 'another-boundary' }), headers);
    expect(reencoded.statusCode).toBe(422);
    expect(reencoded.json()).toMatchObject({ code: 'idempotency_key_mismatch' });
  });

  it('charges the storage quota for every image before writing any: over it, 413 quota_exceeded and nothing stored', async () => {
    const quotaDir = mkdtempSync(join(tmpdir(), 'tessera-form-quota-'));
    const images = await Promise.all([1, 2, 3].map((r) => rgb(16, 16, r).png().toBuffer()));
    const [a, b, c] = images as [Buffer, Buffer, Buffer];
    const limited = await createTestApp(db, {
      dataDir: quotaDir,
      quotas: { tasks: null, webhookEndpoints: null, assetBytes: a.length + b.length + c.length - 1 },
    });
    try {
      const org = await limited.tenant('Quota');
      const upload = (parts: Buffer[]) => {
        const form = formBody(parts.map((data, i) => ({ filename: `${i}.png`, type: 'image/png', data })));
        return limited.app.inject({
          method: 'POST',
          url: '/v1/assets/form',
          headers: { authorization: `Bearer ${org.adminKey}`, 'content-type': form.contentType },
          payload: form.body,
        });
      };
      const refused = await upload([a, b, c]);
      expect(refused.statusCode, refused.body).toBe(413);
      expect(refused.json()).toMatchObject({
        code: 'quota_exceeded',
        quota: 'asset_bytes',
        limit: a.length + b.length + c.length - 1,
        used: a.length + b.length,
        requested: c.length,
      });
      const count = async (sql: string) =>
        Number((await limited.ctx.db.client.all<{ n: number }>(sql, [org.orgId]))[0]?.n ?? 0);
      expect(await count('SELECT COUNT(*) AS n FROM org_assets WHERE org_id = ?')).toBe(0);
      expect(await count('SELECT COUNT(*) AS n FROM quota_reservations WHERE org_id = ?')).toBe(0);
      expect(readdirSync(quotaDir).filter((f) => f === 'assets')).toEqual([]);
      // The same images twice in one form are charged once: two of them fit.
      const fits = await upload([a, b, a]);
      expect(fits.statusCode, fits.body).toBe(201);
      expect(await count('SELECT SUM(bytes) AS n FROM org_assets WHERE org_id = ?')).toBe(
        a.length + b.length,
      );
      expect(readdirSync(join(quotaDir, 'assets')).sort()).toEqual([`${sha(a)}.png`, `${sha(b)}.png`].sort());
      expect(stagingLeft(quotaDir)).toEqual([]);
    } finally {
      await limited.dispose();
      rmSync(quotaDir, { recursive: true, force: true });
    }
  });
});
