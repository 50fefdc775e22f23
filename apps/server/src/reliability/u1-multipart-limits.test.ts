import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { testDatabases } from '@tessera/db';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '../assets/multipart-limits';
import { type FormPart, formBody, pngOfSize, stagingLeft, TEST_BOUNDARY } from '../assets/multipart-test-kit';
import { loadConfig } from '../config';
import { UPLOAD_STAGING_DIR } from '../routes/asset-form-routes';
import { createTestApp, type TestApp, type TestTenant } from '../testing/test-app';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Small caps, so every edge is a few KiB away; each is asserted exactly (limit − 1, limit, limit + 1). */
const LIMITS: UploadLimits = {
  maxFileBytes: 32 * KiB,
  maxFiles: 4,
  maxBodyBytes: 100 * KiB,
  maxHeaderBytes: KiB,
  maxHeaderPairs: 8,
};

const ENV = {
  TESSERA_UPLOAD_MAX_FILE_BYTES: String(LIMITS.maxFileBytes),
  TESSERA_UPLOAD_MAX_FILES: String(LIMITS.maxFiles),
  TESSERA_UPLOAD_MAX_BODY_BYTES: String(LIMITS.maxBodyBytes),
  TESSERA_UPLOAD_MAX_HEADER_BYTES: String(LIMITS.maxHeaderBytes),
  TESSERA_UPLOAD_MAX_HEADER_PAIRS: String(LIMITS.maxHeaderPairs),
};

let colour = 0;
/** A small PNG of a colour no other call returns: every image of this file is a new file on disk. */
const freshPng = () =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: { r: colour++ % 256, g: 7, b: 99 } } })
    .png()
    .toBuffer();

const png = (data: Buffer, filename = 'a.png'): FormPart => ({ filename, type: 'image/png', data });

interface Answer {
  readonly status: number;
  readonly connection: string | undefined;
  readonly body: Record<string, unknown>;
}

/**
 * Over real HTTP: a part header, then `chunks` × `chunkBytes` of part data, written with backpressure and
 * never ended. Resolves with the server's answer; `sent()` says how many data bytes went out before it.
 */
function endlessPart(url: string, key: string, chunks: number, chunkBytes: number) {
  let sent = 0;
  const answer = new Promise<Answer>((resolve, reject) => {
    const req = request(`${url}/v1/assets/form`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': formBody([]).contentType },
    });
    req.on('response', (res) => {
      const pieces: Buffer[] = [];
      res.on('data', (piece: Buffer) => pieces.push(piece));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          connection: res.headers.connection,
          body: JSON.parse(Buffer.concat(pieces).toString('utf8')) as Record<string, unknown>,
        }),
      );
    });
    // Writes after the server answered and closed the connection fail (EPIPE, ECONNRESET): expected.
    req.on('error', (error) => (sent === 0 ? reject(error) : undefined));
    req.write(`--${TEST_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\n`);
    req.write('Content-Type: image/png\r\n\r\n');
    const chunk = Buffer.alloc(chunkBytes, 0x41);
    const pump = () => {
      while (sent < chunks * chunkBytes && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
    };
    pump();
  });
  return { answer, sent: () => sent };
}

/** Polls `check` every 20 ms for up to `ms`; true once it held. */
async function eventually(check: () => boolean, ms = 5_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) if (check()) return true;
  return check();
}

describe.each(testDatabases().slice(0, 1))('U1 body and multipart limits ($dialect)', (db) => {
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
  const send = (parts: readonly FormPart[], payload?: Buffer | Readable) => {
    const form = formBody(parts);
    return t.app.inject({
      method: 'POST',
      url: '/v1/assets/form',
      headers: { authorization: `Bearer ${acme.adminKey}`, 'content-type': form.contentType },
      payload: payload ?? form.body,
    });
  };
  /** A refusal leaves no staging folder and nothing new under `<data>/assets`. */
  async function refused(
    parts: readonly FormPart[],
    status: number,
    problem: Record<string, unknown>,
    payload?: Buffer | Readable,
  ) {
    const before = assets();
    const res = await send(parts, payload);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json()).toMatchObject(problem);
    expect(stagingLeft(dataDir)).toEqual([]);
    expect(assets()).toEqual(before);
  }

  let url: string | null = null;
  const listening = async () => {
    url ??= await t.app.listen({ host: '127.0.0.1', port: 0 });
    return url;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tessera-u1-'));
    t = await createTestApp(db, { dataDir, upload: loadConfig({ env: ENV }).upload });
    acme = await t.tenant();
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the caps are configuration: defaults, and TESSERA_UPLOAD_* read exactly', () => {
    expect(loadConfig({ env: {} }).upload).toEqual(DEFAULT_UPLOAD_LIMITS);
    expect(DEFAULT_UPLOAD_LIMITS).toEqual({
      maxFileBytes: 50 * MiB,
      maxFiles: 100,
      maxBodyBytes: 2048 * MiB,
      maxHeaderBytes: 8 * KiB,
      maxHeaderPairs: 16,
    });
    expect(t.ctx.config.upload).toEqual(LIMITS);
    expect(() => loadConfig({ env: { TESSERA_UPLOAD_MAX_FILES: '0' } })).toThrow(/TESSERA_UPLOAD_MAX_FILES/);
  });

  it('a file part of limit − 1 or limit bytes is stored; limit + 1 is 413 file_too_large and nothing is kept', async () => {
    for (const size of [LIMITS.maxFileBytes - 1, LIMITS.maxFileBytes]) {
      const data = pngOfSize(await freshPng(), size);
      const res = await send([png(data, `${size}.png`)]);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ assets: [{ name: `${size}.png`, bytes: size }] });
      expect(stagingLeft(dataDir)).toEqual([]);
    }
    const over = pngOfSize(await freshPng(), LIMITS.maxFileBytes + 1);
    const problem = { code: 'file_too_large', status: 413, max_bytes: LIMITS.maxFileBytes };
    await refused([png(over, 'over.png')], 413, { ...problem, part: 0, name: 'over.png' });
    // Behind a good part: that one is not stored either.
    await refused([png(await freshPng(), 'ok.png'), png(over, 'over.png')], 413, { ...problem, part: 1 });
  });

  it('the raw upload (POST /v1/assets) takes the same configured single-upload limit', async () => {
    const post = (data: Buffer) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/assets',
        headers: { authorization: `Bearer ${acme.adminKey}`, 'content-type': 'image/png' },
        payload: data,
      });
    expect((await post(pngOfSize(await freshPng(), LIMITS.maxFileBytes))).statusCode).toBe(201);
    const before = assets();
    const over = await post(pngOfSize(await freshPng(), LIMITS.maxFileBytes + 1));
    expect(over.statusCode).toBe(413);
    expect(over.json()).toMatchObject({ code: 'payload_too_large' });
    expect(assets()).toEqual(before);
  });

  it('maxFiles file parts are stored; one more is 413 too_many_files', async () => {
    const parts = await Promise.all(
      Array.from({ length: LIMITS.maxFiles + 1 }, async (_, i) => png(await freshPng(), `${i}.png`)),
    );
    await refused(parts, 413, { code: 'too_many_files', max_files: LIMITS.maxFiles });
    const res = await send(parts.slice(0, LIMITS.maxFiles));
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as { assets: { name: string }[] }).assets.map((a) => a.name)).toEqual([
      '0.png',
      '1.png',
      '2.png',
      '3.png',
    ]);
  });

  it('a request of exactly maxBodyBytes is taken; one byte more is 413 payload_too_large, declared or streamed', async () => {
    const bases = await Promise.all([1, 2, 3, 4].map(() => freshPng()));
    const overhead = formBody(bases.map((b, i) => png(b.subarray(0, 0), `${i}.png`))).body.length;
    const dataBytes = LIMITS.maxBodyBytes - overhead;
    const sized = (extra: number) =>
      bases.map((b, i) =>
        png(pngOfSize(b, Math.floor(dataBytes / 4) + (i === 3 ? (dataBytes % 4) + extra : 0)), `${i}.png`),
      );
    const exact = sized(0);
    expect(formBody(exact).body.length).toBe(LIMITS.maxBodyBytes);
    expect(Math.max(...exact.map((p) => p.data.length))).toBeLessThanOrEqual(LIMITS.maxFileBytes);
    const stored = await send(exact);
    expect(stored.statusCode, stored.body).toBe(201);
    const streamedExact = await send(exact, Readable.from(chunksOf(formBody(exact).body)));
    expect(streamedExact.statusCode, streamedExact.body).toBe(201);

    const over = sized(1);
    expect(formBody(over).body.length).toBe(LIMITS.maxBodyBytes + 1);
    const problem = { code: 'payload_too_large', status: 413, max_bytes: LIMITS.maxBodyBytes };
    await refused(over, 413, problem); // by its Content-Length, before a byte is read
    await refused(over, 413, problem, Readable.from(chunksOf(formBody(over).body))); // counted while reading
  });

  it('no field but `file` parts (an extra field, a thousand, a huge name: 400); part headers read up to their caps', async () => {
    const image = png(await freshPng());
    const field = (name: string, value = 'x'): FormPart => ({ field: name, data: Buffer.from(value) });
    await refused([image, field('org_id', 'org_evil')], 400, { code: 'unexpected_field', field: 'org_id' });
    await refused(
      Array.from({ length: 1_000 }, (_, i) => field(`f${i}`)),
      400,
      { code: 'unexpected_field', field: 'f0' },
    );
    // Header blocks are cut at maxHeaderBytes: a 64 KiB name (64 times the cap) arrives cut, and is refused.
    const hugeName = 'n'.repeat(64 * KiB);
    await refused([{ ...image, field: hugeName }], 400, { code: 'unexpected_field', field: 'n'.repeat(100) });
    await refused([{ ...image, filename: `${hugeName}.png` }], 400, { code: 'filename_too_long', part: 0 });
    // Only maxHeaderPairs header lines of a part are read: exactly that many is a part, one more line and
    // its Content-Type is not seen, one more again and its Content-Disposition is not, so it is no part.
    const disposition = 'Content-Disposition: form-data; name="file"; filename="a.png"';
    const junk = (n: number) => Array.from({ length: n }, (_, i) => `X-Junk-${i}: 1`);
    const fits = await send([
      {
        head: [...junk(LIMITS.maxHeaderPairs - 2), disposition, 'Content-Type: image/png'],
        data: image.data,
      },
    ]);
    expect(fits.statusCode, fits.body).toBe(201);
    await refused(
      [
        {
          head: [...junk(LIMITS.maxHeaderPairs - 1), disposition, 'Content-Type: image/png'],
          data: image.data,
        },
      ],
      415,
      {
        code: 'unsupported_media_type',
      },
    );
    await refused(
      [{ head: [...junk(LIMITS.maxHeaderPairs), disposition, 'Content-Type: image/png'], data: image.data }],
      400,
      {
        code: 'no_files',
      },
    );
  });

  it('an HTML file part named .png is 415 unsupported_media_type, as the same bytes sent raw are', async () => {
    const html = Buffer.from(
      '<!doctype html><html><body><script>globalThis.pwned = 1</script></body></html>',
    );
    await refused([png(html, 'x.png')], 415, { code: 'unsupported_media_type', part: 0, name: 'x.png' });
    const raw = await t.app.inject({
      method: 'POST',
      url: '/v1/assets',
      headers: { authorization: `Bearer ${acme.adminKey}`, 'content-type': 'image/png' },
      payload: html,
    });
    expect(raw.statusCode).toBe(415);
    expect(raw.json()).toMatchObject({ code: 'unsupported_media_type' });
  });

  it('a good three-image upload (PNG, JPEG, WebP) is stored and served as images', async () => {
    const solid = () => sharp({ create: { width: 6, height: 5, channels: 3, background: '#123456' } });
    const images = [
      { filename: 'p.png', type: 'image/png', data: await solid().png().toBuffer() },
      { filename: 'j.jpg', type: 'image/jpeg', data: await solid().jpeg().toBuffer() },
      { filename: 'w.webp', type: 'image/webp', data: await solid().webp().toBuffer() },
    ];
    const res = await send(images);
    expect(res.statusCode, res.body).toBe(201);
    const stored = (res.json() as { assets: { name: string; uri: string; width: number; height: number }[] })
      .assets;
    expect(stored.map((a) => [a.name, a.width, a.height])).toEqual([
      ['p.png', 6, 5],
      ['j.jpg', 6, 5],
      ['w.webp', 6, 5],
    ]);
    for (const [i, asset] of stored.entries()) {
      const served = await t.app.inject({ method: 'GET', url: asset.uri });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe(images[i]?.type);
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(served.headers['content-security-policy']).toBe('sandbox');
      expect(served.rawPayload.equals(images[i]?.data ?? Buffer.alloc(0))).toBe(true);
    }
    expect(stagingLeft(dataDir)).toEqual([]);
  });

  it('over HTTP, a part past the limit is answered 413 at once, the connection closed, the partial file removed', async () => {
    const url = await listening();
    const before = assets();
    const chunks = 256;
    const upload = endlessPart(url, acme.adminKey, chunks, 16 * KiB);
    const answer = await upload.answer;
    expect(answer).toMatchObject({ status: 413, connection: 'close' });
    expect(answer.body).toMatchObject({ code: 'file_too_large', part: 0, name: 'big.png' });
    expect(upload.sent()).toBeLessThan(chunks * 16 * KiB);
    expect(stagingLeft(dataDir)).toEqual([]);
    expect(assets()).toEqual(before);
  });

  it('a client that aborts mid-upload leaves nothing behind, and the server goes on', async () => {
    const url = await listening();
    const before = assets();
    const req = request(`${url}/v1/assets/form`, {
      method: 'POST',
      headers: { authorization: `Bearer ${acme.adminKey}`, 'content-type': formBody([]).contentType },
    });
    req.on('error', () => undefined);
    req.write(`--${TEST_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="cut.png"\r\n`);
    req.write('Content-Type: image/png\r\n\r\n');
    req.write(Buffer.alloc(20 * KiB, 0x42));
    // The part is being written to disk while the request is still open (streamed, not buffered)…
    const partFile = () => {
      const [folder] = stagingLeft(dataDir);
      if (folder === undefined) return 0;
      try {
        return statSync(join(dataDir, UPLOAD_STAGING_DIR, folder, 'part-0')).size;
      } catch {
        return 0;
      }
    };
    expect(await eventually(() => partFile() === 20 * KiB)).toBe(true);
    // …and gone once the client breaks off.
    req.destroy();
    expect(await eventually(() => stagingLeft(dataDir).length === 0)).toBe(true);
    expect(assets()).toEqual(before);
    const after = await send([png(await freshPng())]);
    expect(after.statusCode, after.body).toBe(201);
  });
});

/** The body in 4 KiB pieces (a stream without Content-Length). */
function* chunksOf(body: Buffer): Generator<Buffer> {
  for (let at = 0; at < body.length; at += 4 * KiB) yield body.subarray(at, at + 4 * KiB);
}
