import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from './client';
import { TesseraApiError } from './errors';
import { type LiveServer, startLiveServer } from './testing/live-server';
import type { FetchLike } from './transport';

/** A 2×1 RGB PNG (a red and a black pixel), with valid checksums: the server decodes every upload. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADElEQVR42mP4zwACAAYBAQBBCI/xAAAAAElFTkSuQmCC',
  'base64',
);

describe.each(testDatabases().slice(0, 1))('client.uploadAsset on $dialect', (db) => {
  let server: LiveServer;
  afterEach(async () => server?.dispose());

  it('sends raw bytes, retries a lost answer without storing twice, and translates refusals', async () => {
    server = await startLiveServer(db, { dataDir: mkdtempSync(join(tmpdir(), 'tessera-client-assets-')) });
    const acme = await server.t.tenant();
    let dropped = 0;
    // The first answer is lost after the server stored the file: the SDK retries the same bytes.
    const lossy: FetchLike = async (url, init) => {
      const res = await fetch(url, init);
      if (dropped++ === 0)
        return { status: 503, statusText: 'lost', headers: new Headers(), text: async () => '' };
      return res;
    };
    const client = createClient({
      baseUrl: server.url,
      apiKey: acme.adminKey,
      fetch: lossy,
      sleep: async () => {},
    });
    const asset = await client.uploadAsset(new Uint8Array(PNG), 'image/png');
    expect(asset).toMatchObject({ width: 2, height: 1, bytes: PNG.length });
    expect(asset.uri).toMatch(/^\/assets\/[0-9a-f]{64}\.png$/);
    expect(dropped).toBe(2);
    const again = await client.uploadAsset(new Blob([PNG]), 'image/png');
    expect(again.uri).toBe(asset.uri);
    const served = await fetch(`${server.url}${asset.uri}`);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    const refused = await client
      .uploadAsset(new TextEncoder().encode('not an image'), 'image/png')
      .catch((e) => e);
    expect(refused).toBeInstanceOf(TesseraApiError);
    expect((refused as TesseraApiError).status).toBe(415);
  });
});
