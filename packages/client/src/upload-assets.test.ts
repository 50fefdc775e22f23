import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from './client';
import { TesseraApiError } from './errors';
import { createNodeFetch } from './node-fetch';
import { type LiveServer, startLiveServer } from './testing/live-server';
import type { FetchLike } from './transport';
import { encodeAssetForm } from './upload-assets';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A width × height RGB PNG of one colour, with valid checksums: the server decodes every upload. */
function png(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x7f)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('encodeAssetForm', () => {
  it('writes one `file` part per image, names escaped as browsers do, and the same bytes for the same boundary', async () => {
    const files = [
      { name: 'a "b".png', type: 'image/png' as const, bytes: new Uint8Array([1, 2, 3]) },
      { name: 'c\r\nd.jpg', type: 'image/jpeg' as const, bytes: new Blob([new Uint8Array([4])]) },
    ];
    const form = encodeAssetForm(files, 'b0');
    expect(form.contentType).toBe('multipart/form-data; boundary=b0');
    const text = Buffer.from(await form.body.arrayBuffer()).toString('latin1');
    expect(text).toBe(
      [
        '--b0',
        'Content-Disposition: form-data; name="file"; filename="a %22b%22.png"',
        'Content-Type: image/png',
        '',
        '\x01\x02\x03',
        '--b0',
        'Content-Disposition: form-data; name="file"; filename="c%0D%0Ad.jpg"',
        'Content-Type: image/jpeg',
        '',
        '\x04',
        '--b0--',
        '',
      ].join('\r\n'),
    );
    const again = encodeAssetForm(files, 'b0');
    expect(
      Buffer.from(await again.body.arrayBuffer()).equals(Buffer.from(await form.body.arrayBuffer())),
    ).toBe(true);
    expect(encodeAssetForm(files).contentType).not.toBe(encodeAssetForm(files).contentType);
  });
});

describe.each(testDatabases().slice(0, 1))('client.uploadAssets on $dialect', (db) => {
  let server: LiveServer;
  afterEach(async () => server?.dispose());

  it('stores images in order, retries a lost answer under the same key without a mismatch, and translates refusals', async () => {
    server = await startLiveServer(db, { dataDir: mkdtempSync(join(tmpdir(), 'tessera-client-form-')) });
    const acme = await server.t.tenant();
    const images = [png(3, 2), png(5, 4), png(7, 6)] as const;
    let calls = 0;
    const replayed: (string | null)[] = [];
    // The first answer is lost after the server stored the images: the SDK sends the same body again, and
    // the server recognises it (same key, same bytes) and replays its stored answer.
    const lossy: FetchLike = async (url, init) => {
      const res = await fetch(url, init);
      replayed.push(res.headers.get('idempotent-replayed'));
      if (calls++ === 0)
        return { status: 503, statusText: 'lost', headers: new Headers(), text: async () => '' };
      return res;
    };
    const client = createClient({
      baseUrl: server.url,
      apiKey: acme.adminKey,
      fetch: lossy,
      sleep: async () => {},
    });
    const files = [
      { name: 'één.png', type: 'image/png' as const, bytes: new Uint8Array(images[0]) },
      { name: 'b.png', type: 'image/png' as const, bytes: new Blob([new Uint8Array(images[1])]) },
      { name: 'c.png', type: 'image/png' as const, bytes: new Uint8Array(images[2]) },
    ];
    const result = await client.uploadAssets(files);
    expect(calls).toBe(2);
    expect(replayed).toEqual([null, 'true']);
    expect(result.assets.map((a) => [a.name, a.width, a.height, a.bytes])).toEqual([
      ['één.png', 3, 2, images[0].length],
      ['b.png', 5, 4, images[1].length],
      ['c.png', 7, 6, images[2].length],
    ]);
    for (const [i, asset] of result.assets.entries()) {
      const served = await fetch(`${server.url}${asset.uri}`);
      expect(Buffer.from(await served.arrayBuffer()).equals(images[i] ?? Buffer.alloc(0))).toBe(true);
    }

    // The Node transport sends the same Blob body.
    const nodeFetch = createNodeFetch();
    try {
      const viaNode = createClient({ baseUrl: server.url, apiKey: acme.adminKey, fetch: nodeFetch });
      expect((await viaNode.uploadAssets(files.slice(0, 1))).assets[0]?.uri).toBe(result.assets[0]?.uri);
    } finally {
      nodeFetch.close();
    }

    const refused = await client
      .uploadAssets([
        files[0] as (typeof files)[0],
        { name: 'x.png', type: 'image/png', bytes: new Uint8Array([1]) },
      ])
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TesseraApiError);
    expect((refused as TesseraApiError).status).toBe(415);
    expect((refused as TesseraApiError).code).toBe('unsupported_media_type');
  });
});
