import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from './client';
import { TesseraApiError } from './errors';
import { type LiveServer, startLiveServer } from './testing/live-server';
import type { FetchLike } from './transport';

/** A 2×1 RGB PNG (a red and a black pixel), with valid checksums: the server decodes every image. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADElEQVR42mP4zwACAAYBAQBBCI/xAAAAAElFTkSuQmCC',
  'base64',
);

/** A zip of one stored (uncompressed) entry: local header, data, central record, end record. */
function storedZip(name: string, data: Buffer): Uint8Array<ArrayBuffer> {
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const directoryAt = 30 + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + fileName.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return new Uint8Array(Buffer.concat([local, fileName, data, central, fileName, end]));
}

describe.each(testDatabases().slice(0, 1))('client.uploadAssetArchive on $dialect', (db) => {
  let server: LiveServer;
  afterEach(async () => server?.dispose());

  it('sends the zip, retries a lost answer without storing twice, and translates refusals', async () => {
    server = await startLiveServer(db, { dataDir: mkdtempSync(join(tmpdir(), 'tessera-client-archive-')) });
    const acme = await server.t.tenant();
    let calls = 0;
    // The first answer is lost after the server stored the images: the SDK retries the same bytes.
    const lossy: FetchLike = async (url, init) => {
      const res = await fetch(url, init);
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
    const archive = await client.uploadAssetArchive(storedZip('cam0/0001.png', PNG));
    expect(calls).toBe(2);
    expect(archive.assets).toHaveLength(1);
    const [asset] = archive.assets;
    expect(asset).toMatchObject({ entry: 'cam0/0001.png', width: 2, height: 1, bytes: PNG.length });
    expect(asset?.uri).toMatch(/^\/assets\/[0-9a-f]{64}\.png$/);
    const single = await client.uploadAsset(new Uint8Array(PNG), 'image/png');
    expect(single.uri).toBe(asset?.uri);

    const refused = await client
      .uploadAssetArchive(storedZip('../escape.png', PNG))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TesseraApiError);
    expect((refused as TesseraApiError).status).toBe(422);
    expect((refused as TesseraApiError).code).toBe('archive_unsafe_entry');
  });
});
