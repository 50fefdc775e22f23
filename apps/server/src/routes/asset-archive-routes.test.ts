import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDatabases } from '@tessera/db';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip } from '../assets/archive-fixtures';
import { DEFAULT_ARCHIVE_LIMITS } from '../assets/archive-limits';
import { type ArchiveWorkspace, archiveWorkspace } from '../assets/archive-test-kit';
import { loadConfig } from '../config';
import { hugePng } from '../reliability/image-bombs';
import { DEFAULT_ASSET_LIMITS } from './asset-upload-routes';

const image = (r: number, width = 24, height = 16) =>
  sharp({ create: { width, height, channels: 3, background: { r, g: 90, b: 30 } } });
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('archive caps configuration', () => {
  it('defaults to 2 GiB body and inflated, 100:1 past 1 MiB, 100k entries, the single-upload size per entry', () => {
    expect(loadConfig({ env: {} }).archive).toEqual({
      maxArchiveBytes: 2 * 1024 ** 3,
      maxInflatedBytes: 2 * 1024 ** 3,
      maxEntryBytes: DEFAULT_ASSET_LIMITS.maxBytes,
      maxRatio: 100,
      ratioFloorBytes: 1024 ** 2,
      maxEntries: 100_000,
    });
    expect(DEFAULT_ARCHIVE_LIMITS.maxEntryBytes).toBe(50 * 1024 ** 2);
    const env = {
      TESSERA_ARCHIVE_MAX_BYTES: '1000',
      TESSERA_ARCHIVE_MAX_INFLATED_BYTES: '2000',
      TESSERA_ARCHIVE_MAX_ENTRY_BYTES: '300',
      TESSERA_ARCHIVE_MAX_RATIO: '7',
      TESSERA_ARCHIVE_RATIO_FLOOR_BYTES: '10',
      TESSERA_ARCHIVE_MAX_ENTRIES: '5',
    };
    expect(loadConfig({ env }).archive).toEqual({
      maxArchiveBytes: 1000,
      maxInflatedBytes: 2000,
      maxEntryBytes: 300,
      maxRatio: 7,
      ratioFloorBytes: 10,
      maxEntries: 5,
    });
    expect(() => loadConfig({ env: { TESSERA_ARCHIVE_MAX_RATIO: '0' } })).toThrow(
      /TESSERA_ARCHIVE_MAX_RATIO/,
    );
  });
});

describe.each(testDatabases())('image archive upload on $dialect', (db) => {
  let w: ArchiveWorkspace;
  beforeAll(async () => {
    w = await archiveWorkspace(db, 'archive');
  });
  afterAll(async () => w?.dispose());

  it('stores every image in archive order with its entry path, serves them, and leaves no staging', async () => {
    const png = await image(10).png().toBuffer();
    const jpeg = await image(120, 40, 30).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const webp = await image(200, 8, 8).webp().toBuffer();
    const zip = buildZip([
      { name: 'scenes/', method: 0 },
      { name: 'scenes/a.png', data: png },
      { name: 'scenes/b.JPG', data: jpeg, method: 0 },
      { name: '__MACOSX/scenes/._a.png', data: Buffer.from('resource fork') },
      { name: 'c.webp', data: webp, flags: 0x8 },
      { name: 'copy-of-a.png', data: png, unixMode: 0o100644 },
    ]);
    const res = await w.post(zip);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const asset = (entry: string, bytes: Buffer, ext: string, width: number, height: number) => ({
      entry,
      uri: `/assets/${sha(bytes)}.${ext}`,
      width,
      height,
      content_hash: `sha256:${sha(bytes)}`,
      bytes: bytes.length,
    });
    expect(res.body).toEqual({
      assets: [
        asset('scenes/a.png', png, 'png', 24, 16),
        asset('scenes/b.JPG', jpeg, 'jpg', 30, 40),
        asset('c.webp', webp, 'webp', 8, 8),
        asset('copy-of-a.png', png, 'png', 24, 16),
      ],
    });
    expect(w.assets()).toEqual([`${sha(png)}.png`, `${sha(jpeg)}.jpg`, `${sha(webp)}.webp`].sort());
    expect(readFileSync(join(w.dataDir, 'assets', `${sha(jpeg)}.jpg`)).equals(jpeg)).toBe(true);
    const served = await w.t.app.inject({ method: 'GET', url: `/assets/${sha(webp)}.webp` });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.rawPayload.equals(webp)).toBe(true);
    expect(w.staging()).toEqual([]);
  });

  it('is all or nothing: one bad image refuses the archive with its single-upload code and the entry', async () => {
    const before = w.tree();
    const good = await image(33).png().toBuffer();
    const cut = await image(34, 200, 200).png().toBuffer();
    const cases = [
      { entry: 'z/cut.png', data: cut.subarray(0, cut.length - 200), status: 422, code: 'image_corrupt' },
      { entry: 'z/real-png.jpg', data: good, status: 415, code: 'content_type_mismatch' },
      { entry: 'z/50k-square.png', data: hugePng(50_000, 50_000, 64), status: 422, code: 'image_too_large' },
      { entry: 'z/notes.txt', data: Buffer.from('hello'), status: 415, code: 'unsupported_media_type' },
      {
        entry: 'z/page.png',
        data: Buffer.from('<html></html>'),
        status: 415,
        code: 'unsupported_media_type',
      },
    ];
    for (const c of cases) {
      const zip = buildZip([
        { name: 'z/good.png', data: good },
        { name: c.entry, data: c.data },
      ]);
      const res = await w.post(zip);
      expect(
        { status: res.status, code: res.body.code, entry: res.body.entry },
        String(res.body.detail),
      ).toEqual({
        status: c.status,
        code: c.code,
        entry: c.entry,
      });
      expect(String(res.body.detail).startsWith(`${c.entry}: `)).toBe(true);
    }
    expect(w.tree()).toEqual(before);
    expect(w.staging()).toEqual([]);
  });

  it('refuses other media types (415), a body that is no zip and an archive without images (422)', async () => {
    const before = w.tree();
    const zip = buildZip([{ name: 'a.png', data: await image(1).png().toBuffer() }]);
    for (const type of ['application/octet-stream', 'image/png', 'multipart/form-data']) {
      const res = await w.post(zip, type);
      expect([res.status, res.body.code], type).toEqual([415, 'unsupported_media_type']);
    }
    const json = await w.post(Buffer.from('{"a":1}'), 'application/json');
    expect([json.status, json.body.code]).toEqual([415, 'unsupported_media_type']);
    const junk = await w.post(Buffer.from('this is not a zip file at all, not even close'));
    expect([junk.status, junk.body.code]).toEqual([422, 'archive_invalid']);
    const empty = await w.post(buildZip([{ name: 'only-a-folder/', method: 0 }]));
    expect([empty.status, empty.body.code]).toEqual([422, 'archive_empty']);
    expect(w.tree()).toEqual(before);
  });

  it('accepts application/x-zip-compressed (what Windows browsers send for .zip files)', async () => {
    const png = await image(77).png().toBuffer();
    const res = await w.post(buildZip([{ name: 'x.png', data: png }]), 'application/x-zip-compressed');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ assets: [{ entry: 'x.png', uri: `/assets/${sha(png)}.png` }] });
  });

  it('reads zip64 end records (written by tools for large archives or more than 65,535 entries)', async () => {
    const png = await image(55).png().toBuffer();
    const res = await w.post(buildZip([{ name: 'wide/a.png', data: png }], { zip64: true }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ assets: [{ entry: 'wide/a.png', uri: `/assets/${sha(png)}.png` }] });
  });

  it('asks for credentials (401) and the tasks:write scope (403)', async () => {
    const zip = buildZip([{ name: 'a.png', data: await image(2).png().toBuffer() }]);
    const anonymous = await w.t.app.inject({
      method: 'POST',
      url: '/v1/assets/archive',
      headers: { 'content-type': 'application/zip' },
      payload: zip,
    });
    expect(anonymous.statusCode).toBe(401);
    const annotator = await w.acme.user('annotator');
    const res = await w.t.app.inject({
      method: 'POST',
      url: '/v1/assets/archive',
      headers: { authorization: `Bearer ${annotator.key}`, 'content-type': 'application/zip' },
      payload: zip,
    });
    expect([res.statusCode, (res.json() as { code: string }).code]).toEqual([403, 'forbidden']);
  });

  it('replays a repeated Idempotency-Key and refuses the key with another archive', async () => {
    const zip = buildZip([{ name: 'k.png', data: await image(90).png().toBuffer() }]);
    const headers = { 'idempotency-key': 'archive-upload-1' };
    const first = await w.post(zip, 'application/zip', headers);
    expect(first.status).toBe(201);
    const replay = await w.t.app.inject({
      method: 'POST',
      url: '/v1/assets/archive',
      headers: { authorization: `Bearer ${w.acme.adminKey}`, 'content-type': 'application/zip', ...headers },
      payload: zip,
    });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.body);
    const other = await w.post(
      buildZip([{ name: 'k.png', data: await image(91).png().toBuffer() }]),
      undefined,
      headers,
    );
    expect([other.status, other.body.code]).toEqual([422, 'idempotency_key_mismatch']);
  });
});
