import { request } from 'node:http';
import { testDatabases } from '@tessera/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildZip,
  type FixtureEntry,
  repeatedCrc,
  repeatedDeflate,
  sparseNoise,
} from '../assets/archive-fixtures';
import { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from '../assets/archive-limits';
import { fifieldZip } from '../assets/archive-overlap-fixtures';
import { type Answer, type ArchiveWorkspace, archiveWorkspace, rssGrowth } from '../assets/archive-test-kit';
import { NIGHTLY } from './scale';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
/** The inflater hands out at most this much per chunk: an abort "at the cap" lands within one chunk of it. */
const CHUNK = 64 * 1024;
const RSS_LIMIT = 256 * MiB;

/**
 * Caps are configuration values (reliability-tests.md U): nightly runs the shipped defaults; CI lowers the
 * inflated-bytes caps so that crossing them takes milliseconds (the ratio and entry-count caps stay the
 * defaults in both).
 */
const LIMITS: ArchiveLimits = NIGHTLY
  ? DEFAULT_ARCHIVE_LIMITS
  : {
      ...DEFAULT_ARCHIVE_LIMITS,
      maxArchiveBytes: 32 * MiB,
      maxInflatedBytes: 64 * MiB,
      maxEntryBytes: 16 * MiB,
    };

/** 1 MiB of sparse noise (about 28:1 deflated: under the ratio cap), deflated once and repeated. */
const NOISE = sparseNoise(MiB);
function noiseEntry(name: string, mebibytes: number, declared = mebibytes * MiB): FixtureEntry {
  return { name, raw: repeatedDeflate(NOISE, mebibytes), size: declared, crc: repeatedCrc(NOISE, mebibytes) };
}

/** Every size the test sends is checked small: the bombs are made here, in milliseconds. */
function small(zip: Buffer): Buffer {
  expect(zip.length).toBeLessThan(LIMITS.maxArchiveBytes);
  return zip;
}

describe.each(testDatabases().slice(0, 1))('U2 decompression bombs ($dialect)', (db) => {
  let w: ArchiveWorkspace;
  let before: string[];
  beforeAll(async () => {
    w = await archiveWorkspace(db, 'u2', LIMITS);
    before = w.tree();
  });
  afterAll(async () => w?.dispose());

  /** Sends the archive; asserts RSS growth, no staging left and nothing written anywhere else. */
  async function send(zip: Buffer): Promise<Answer> {
    const { result, growth } = await rssGrowth(() => w.post(small(zip)));
    console.log(
      `[U2] ${(zip.length / MiB).toFixed(1)} MiB → ${result.status} ${String(result.body.code)} (${String(result.body.detail)}), RSS +${(growth / MiB).toFixed(0)} MiB`,
    );
    expect(growth).toBeLessThan(RSS_LIMIT);
    expect(w.staging()).toEqual([]);
    expect(w.tree().filter((p) => p !== 'archive-staging/')).toEqual(before);
    return result;
  }

  it('a single 10 GiB entry of zeros (10 MiB on the wire) is 422 archive_bomb just past the 1 MiB floor', async () => {
    const zeros = Buffer.alloc(MiB);
    // The CRC-32 is not computed (it would take seconds): the ratio cap must stop the entry long before it.
    const zip = buildZip([
      { name: 'zeros.png', raw: repeatedDeflate(zeros, 10 * 1024), size: 10 * GiB, crc: 0 },
    ]);
    const res = await send(zip);
    expect(res).toMatchObject({
      status: 422,
      body: {
        code: 'archive_bomb',
        reason: 'compression_ratio',
        entry: 'zeros.png',
        max_ratio: LIMITS.maxRatio,
      },
    });
    const inflated = res.body.inflated_bytes as number;
    expect(inflated).toBeGreaterThan(LIMITS.ratioFloorBytes);
    expect(inflated).toBeLessThanOrEqual(LIMITS.ratioFloorBytes + CHUNK);
    expect(inflated).toBeGreaterThan(LIMITS.maxRatio * (res.body.compressed_bytes_read as number));
  });

  it('inflated bytes in total: 413 archive_too_large at the first chunk past the cap', async () => {
    const per = LIMITS.maxEntryBytes / MiB;
    const count = Math.floor(LIMITS.maxInflatedBytes / LIMITS.maxEntryBytes) + 1;
    const zip = buildZip(Array.from({ length: count }, (_, i) => noiseEntry(`part-${i}.png`, per)));
    const res = await send(zip);
    expect(res).toMatchObject({
      status: 413,
      body: {
        code: 'archive_too_large',
        entry: `part-${count - 1}.png`,
        max_inflated_bytes: LIMITS.maxInflatedBytes,
      },
    });
    const total = res.body.total_inflated_bytes as number;
    expect(total).toBeGreaterThan(LIMITS.maxInflatedBytes);
    expect(total).toBeLessThanOrEqual(LIMITS.maxInflatedBytes + CHUNK);
  });

  it('inflated bytes of one entry: 413 archive_entry_too_large past the per-image limit', async () => {
    const res = await send(buildZip([noiseEntry('big.png', LIMITS.maxEntryBytes / MiB + 1)]));
    expect(res).toMatchObject({
      status: 413,
      body: { code: 'archive_entry_too_large', entry: 'big.png', max_entry_bytes: LIMITS.maxEntryBytes },
    });
    const inflated = res.body.inflated_bytes as number;
    expect(inflated).toBeGreaterThan(LIMITS.maxEntryBytes);
    expect(inflated).toBeLessThanOrEqual(LIMITS.maxEntryBytes + CHUNK);
  });

  it("Fifield's overlapping entries (one kernel, quoted local headers, truthful sizes) are 422 archive_bomb", async () => {
    const zip = fifieldZip(Buffer.alloc(NIGHTLY ? 32 * MiB : MiB), NIGHTLY ? 1_000 : 50);
    const res = await send(zip);
    expect(res).toMatchObject({
      status: 422,
      body: { code: 'archive_bomb', reason: 'overlapping_entries', entry: '1.png', overlaps: '0.png' },
    });
  });

  it('nested archives (42.zip style) are never opened: 422 archive_nested, by name or by magic bytes', async () => {
    // 42.zip: 16 zips of 16 zips of … a highly compressed file. Three levels are enough to be refused.
    let layer = buildZip([
      { name: '0.dat', raw: repeatedDeflate(Buffer.alloc(MiB), 64), size: 64 * MiB, crc: 0 },
    ]);
    for (let depth = 0; depth < 3; depth++) {
      layer = buildZip(Array.from({ length: 16 }, (_, i) => ({ name: `lib ${i}.zip`, data: layer })));
    }
    const named = await send(layer);
    expect(named).toMatchObject({ status: 422, body: { code: 'archive_nested', entry: 'lib 0.zip' } });
    const disguised = buildZip([
      { name: 'ok.png', data: Buffer.alloc(10) },
      { name: 'holiday.png', data: layer },
    ]);
    expect(await send(disguised)).toMatchObject({
      status: 422,
      body: { code: 'archive_nested', entry: 'holiday.png' },
    });
  });

  it('headers lying about sizes are 422 archive_invalid, counted on inflated bytes, never on the claims', async () => {
    const noise = sparseNoise(5 * MiB, 11);
    const cases: { name: string; entry: FixtureEntry; inflated?: [number, number] }[] = [
      // Declares 1,000 bytes, inflates to 5 MiB: stopped at the first chunk past 1,000.
      {
        name: 'under-declared size',
        entry: { name: 'a.png', data: noise, size: 1_000 },
        inflated: [1_001, 1_000 + CHUNK],
      },
      // Declares 5 GiB (zip64) for 5 MiB: inflates to its end and is refused for the mismatch.
      {
        name: 'over-declared size',
        entry: { name: 'b.png', data: noise, size: 5 * GiB },
        inflated: [5 * MiB, 5 * MiB],
      },
      { name: 'wrong CRC-32', entry: { name: 'c.png', data: noise, crc: 1234 } },
      // The compressed size is cut to half the deflate stream: the inflater runs out of input.
      {
        name: 'compressed size cut short',
        entry: {
          name: 'd.png',
          raw: repeatedDeflate(NOISE, 4).subarray(0, 70_000),
          size: 4 * MiB,
          crc: repeatedCrc(NOISE, 4),
        },
      },
    ];
    for (const c of cases) {
      const res = await send(buildZip([c.entry]));
      expect([res.status, res.body.code, res.body.entry], c.name).toEqual([
        422,
        'archive_invalid',
        c.entry.name,
      ]);
      if (c.inflated) {
        const inflated = res.body.inflated_bytes as number;
        expect(inflated, c.name).toBeGreaterThanOrEqual(c.inflated[0]);
        expect(inflated, c.name).toBeLessThanOrEqual(c.inflated[1]);
      }
    }
    // The local header disagreeing with the central directory (what many extractors read instead).
    const honest = buildZip([{ name: 'e.png', data: noise }]);
    honest.writeUInt32LE(1_000, 22); // the local header's uncompressed size
    expect(await send(honest)).toMatchObject({
      status: 422,
      body: { code: 'archive_invalid', entry: 'e.png' },
    });
  });

  it(`an entry-count flood: ${LIMITS.maxEntries + 1} entries is 413 archive_too_many_entries, declared or not`, async () => {
    const entries = Array.from(
      { length: LIMITS.maxEntries + 1 },
      (_, i): FixtureEntry => ({ name: `${i}.png`, method: 0 }),
    );
    const declared = await send(buildZip(entries));
    expect(declared).toMatchObject({
      status: 413,
      body: {
        code: 'archive_too_many_entries',
        max_entries: LIMITS.maxEntries,
        entries: LIMITS.maxEntries + 1,
      },
    });
    // The end record claims 1 entry: the walk through the central directory stops at record max + 1.
    const hidden = await send(buildZip(entries, { declaredCount: 1 }));
    expect(hidden).toMatchObject({
      status: 413,
      body: {
        code: 'archive_too_many_entries',
        max_entries: LIMITS.maxEntries,
        entries: LIMITS.maxEntries + 1,
      },
    });
  });

  it('a body over the archive limit is 413, read no further, and its staged file removed', async () => {
    const declared = await w.post(Buffer.alloc(LIMITS.maxArchiveBytes + 1));
    expect(declared).toMatchObject({
      status: 413,
      body: { code: 'payload_too_large', max_bytes: LIMITS.maxArchiveBytes },
    });
    // Without Content-Length (a stream): cut off while streaming into staging.
    let sent = 0;
    async function* endless() {
      for (let i = 0; i < 4 * (LIMITS.maxArchiveBytes / MiB); i++) {
        sent += MiB;
        yield Buffer.alloc(MiB, 0x50);
      }
    }
    const { result, growth } = await rssGrowth(() => w.post(endless()));
    expect(result).toMatchObject({
      status: 413,
      body: { code: 'payload_too_large', max_bytes: LIMITS.maxArchiveBytes },
    });
    expect(sent).toBeLessThanOrEqual(LIMITS.maxArchiveBytes + 4 * MiB);
    expect(growth).toBeLessThan(RSS_LIMIT);
    expect(w.staging()).toEqual([]);
    expect(w.tree().filter((p) => p !== 'archive-staging/')).toEqual(before);
  });

  it('over real HTTP, a chunked body past the limit is answered 413 and the connection closed', async () => {
    const url = await w.t.app.listen({ host: '127.0.0.1', port: 0 });
    let sent = 0;
    const answer = await new Promise<{ status: number; connection: string | undefined }>(
      (resolve, reject) => {
        const req = request(`${url}/v1/assets/archive`, {
          method: 'POST',
          headers: { authorization: `Bearer ${w.acme.adminKey}`, 'content-type': 'application/zip' },
        });
        req.on('response', (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection });
        });
        req.on('error', reject);
        const chunk = Buffer.alloc(MiB, 0x50);
        const pump = () => {
          while (sent < 4 * LIMITS.maxArchiveBytes && !req.destroyed) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      },
    );
    expect(answer).toEqual({ status: 413, connection: 'close' });
    expect(sent).toBeLessThan(4 * LIMITS.maxArchiveBytes);
    expect(w.staging()).toEqual([]);
  });

  it('after every bomb: nothing under <data>/assets', () => {
    expect(w.assets()).toEqual([]);
  });
});
