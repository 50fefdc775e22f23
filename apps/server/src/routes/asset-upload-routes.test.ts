import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDatabases } from '@tessera/db';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AssetWorkspace, assetWorkspace } from '../testing/asset-workspace';
import type { TestApp, TestTenant } from '../testing/test-app';
import { DEFAULT_ASSET_LIMITS } from './asset-upload-routes';

interface AssetBody {
  uri: string;
  width: number;
  height: number;
  content_hash: string;
  bytes: number;
}

const rgb = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } });

describe.each(testDatabases())('image upload on $dialect', (db) => {
  let w: AssetWorkspace;
  let t: TestApp;
  let acme: TestTenant;
  const assetsDir = () => w.assetsDir;
  const files = () => w.files();

  beforeAll(async () => {
    w = await assetWorkspace(db, 'assets');
    ({ t, acme } = w);
  });
  afterAll(async () => w?.dispose());

  const upload = (payload: Buffer, type: string, headers: Record<string, string> = {}, key = acme.adminKey) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/assets',
      headers: { authorization: `Bearer ${key}`, 'content-type': type, ...headers },
      payload,
    });

  it('stores a PNG by content hash, serves it, and stores the same bytes once', async () => {
    const png = await rgb(64, 48).png().toBuffer();
    const sha = createHash('sha256').update(png).digest('hex');
    const first = await upload(png, 'image/png');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({
      uri: `/assets/${sha}.png`,
      width: 64,
      height: 48,
      content_hash: `sha256:${sha}`,
      bytes: png.length,
    });
    expect(readFileSync(join(assetsDir(), `${sha}.png`)).equals(png)).toBe(true);
    const served = await t.app.inject({ method: 'GET', url: (first.json() as AssetBody).uri });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.equals(png)).toBe(true);

    const again = await upload(png, 'image/png');
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(files().filter((f) => f.startsWith(sha))).toEqual([`${sha}.png`]);
    expect(files().filter((f) => f.startsWith('.'))).toEqual([]); // no temporary left behind
  });

  it('reports the upright size of a rotated JPEG and names files by their format', async () => {
    const jpeg = await rgb(40, 30).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const res = await upload(jpeg, 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ width: 30, height: 40 });
    expect((res.json() as AssetBody).uri).toMatch(/^\/assets\/[0-9a-f]{64}\.jpg$/);

    const webp = await rgb(20, 10).webp().toBuffer();
    const asWebp = await upload(webp, 'image/webp; charset=binary');
    expect(asWebp.statusCode, asWebp.body).toBe(201);
    expect((asWebp.json() as AssetBody).uri).toMatch(/\.webp$/);
  });

  it('refuses bytes of another format than declared with 415 content_type_mismatch, and stores nothing', async () => {
    const before = files();
    const labelledPng = await upload(await rgb(20, 10).webp().toBuffer(), 'image/png; charset=binary');
    expect(labelledPng.statusCode, labelledPng.body).toBe(415);
    expect(labelledPng.json()).toMatchObject({
      code: 'content_type_mismatch',
      detail: 'the body is a WebP image but was sent as image/png; send it as image/webp',
      declared_type: 'image/png',
      detected_type: 'image/webp',
    });
    expect(files()).toEqual(before);
  });

  it('refuses other media with 415 and stores nothing', async () => {
    const before = files();
    const gif = await rgb(8, 8).gif().toBuffer();
    for (const [payload, type] of [
      [Buffer.from('hello'), 'text/plain'],
      [Buffer.from('{"a":1}'), 'application/json'],
      [await rgb(8, 8).png().toBuffer(), 'application/octet-stream'],
      [gif, 'image/gif'],
      [gif, 'image/png'],
      [Buffer.from('not really a png'), 'image/png'],
      [Buffer.alloc(0), 'image/png'],
    ] as const) {
      const res = await upload(payload, type);
      expect(res.statusCode, `${type}: ${res.body}`).toBe(415);
      expect(res.json()).toMatchObject({ code: 'unsupported_media_type' });
    }
    expect(files()).toEqual(before);
  });

  it('refuses a body above the size limit with 413 and stores nothing', async () => {
    const before = files();
    const res = await upload(Buffer.alloc(DEFAULT_ASSET_LIMITS.maxBytes + 1), 'image/png');
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'payload_too_large' });
    expect(files()).toEqual(before);
  });

  it('refuses an image bomb (a small file declaring 120 megapixels) and stores nothing', async () => {
    const before = files();
    const bomb = await sharp({
      create: { width: 12_000, height: 10_000, channels: 3, background: '#000' },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const res = await upload(bomb, 'image/png');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'image_too_large' });
    expect(files()).toEqual(before);
  });

  it('asks for credentials (401) and the tasks:write scope (403: annotators cannot upload)', async () => {
    const png = await rgb(4, 4).png().toBuffer();
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/v1/assets',
      headers: { 'content-type': 'image/png' },
      payload: png,
    });
    expect(anonymous.statusCode).toBe(401);
    const annotator = await acme.user('annotator');
    const res = await upload(png, 'image/png', {}, annotator.key);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden' });
  });

  it('replays a repeated Idempotency-Key and refuses the key with other bytes', async () => {
    const png = await rgb(5, 7).png().toBuffer();
    const headers = { 'idempotency-key': 'asset-upload-1' };
    const first = await upload(png, 'image/png', headers);
    const replay = await upload(png, 'image/png', headers);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const other = await upload(await rgb(6, 7).png().toBuffer(), 'image/png', headers);
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_mismatch' });
  });
});
