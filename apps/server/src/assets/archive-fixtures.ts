import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Zip files for tests, written byte by byte so that every header can lie: the archive tests build their
 * bombs, zip-slip entries and good archives here (small on disk, made in milliseconds).
 */
export interface FixtureEntry {
  readonly name: string;
  /** The entry's content; deflated (method 8, the default) or stored (method 0) unless `raw` is given. */
  readonly data?: Buffer;
  readonly method?: number;
  /** The bytes stored as the entry's data, as they are (already compressed, possibly hostile). */
  readonly raw?: Buffer;
  /** Declared sizes and CRC-32 (default: the true ones of `data`/`raw`). */
  readonly size?: number;
  readonly compressedSize?: number;
  readonly crc?: number;
  /** Unix mode (type and permission bits) in the external attributes, made on Unix. */
  readonly unixMode?: number;
  readonly flags?: number;
  /** Extra field of both headers (after a zip64 field when one is needed). */
  readonly extra?: Buffer;
}

export interface FixtureOptions {
  /** The entry count the end record declares (default: the true one). */
  readonly declaredCount?: number;
  /** Write zip64 end records even when nothing needs them. */
  readonly zip64?: boolean;
}

const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

interface Resolved {
  readonly name: Buffer;
  readonly body: Buffer;
  readonly method: number;
  readonly size: number;
  readonly compressedSize: number;
  readonly crc: number;
  readonly flags: number;
  readonly zip64: boolean;
  readonly extra: Buffer;
  readonly unixMode: number | undefined;
}

function resolve(entry: FixtureEntry): Resolved {
  const method = entry.method ?? 8;
  const data = entry.data ?? Buffer.alloc(0);
  const body = entry.raw ?? (method === 8 ? deflateRawSync(data) : data);
  const size = entry.size ?? data.length;
  const compressedSize = entry.compressedSize ?? body.length;
  const zip64 = size >= U32_MAX || compressedSize >= U32_MAX;
  const wide = Buffer.alloc(zip64 ? 20 : 0);
  if (zip64) {
    wide.writeUInt16LE(0x0001, 0);
    wide.writeUInt16LE(16, 2);
    wide.writeBigUInt64LE(BigInt(size), 4);
    wide.writeBigUInt64LE(BigInt(compressedSize), 12);
  }
  return {
    name: Buffer.from(entry.name, 'utf8'),
    body,
    method,
    size,
    compressedSize,
    crc: entry.crc ?? crc32(data),
    flags: (entry.flags ?? 0) | 0x800,
    zip64,
    extra: Buffer.concat([wide, entry.extra ?? Buffer.alloc(0)]),
    unixMode: entry.unixMode,
  };
}

function localHeader(e: Resolved): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(e.zip64 ? 45 : 20, 4);
  h.writeUInt16LE(e.flags, 6);
  h.writeUInt16LE(e.method, 8);
  h.writeUInt16LE(0x21, 12); // 1980-01-01
  h.writeUInt32LE(e.crc, 14);
  h.writeUInt32LE(e.zip64 ? U32_MAX : e.compressedSize, 18);
  h.writeUInt32LE(e.zip64 ? U32_MAX : e.size, 22);
  h.writeUInt16LE(e.name.length, 26);
  h.writeUInt16LE(e.extra.length, 28);
  return Buffer.concat([h, e.name, e.extra]);
}

function centralHeader(e: Resolved, offset: number): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(e.unixMode === undefined ? 20 : (3 << 8) | 30, 4);
  h.writeUInt16LE(e.zip64 ? 45 : 20, 6);
  h.writeUInt16LE(e.flags, 8);
  h.writeUInt16LE(e.method, 10);
  h.writeUInt16LE(0x21, 14);
  h.writeUInt32LE(e.crc, 16);
  h.writeUInt32LE(e.zip64 ? U32_MAX : e.compressedSize, 20);
  h.writeUInt32LE(e.zip64 ? U32_MAX : e.size, 24);
  h.writeUInt16LE(e.name.length, 28);
  h.writeUInt16LE(e.extra.length, 30);
  h.writeUInt32LE(e.unixMode === undefined ? 0 : (e.unixMode << 16) >>> 0, 38);
  h.writeUInt32LE(offset, 42);
  return Buffer.concat([h, e.name, e.extra]);
}

/** The end records for a central directory of `count` records at `offset`, `size` bytes long. */
export function endRecords(count: number, offset: number, size: number, zip64: boolean): Buffer {
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  const wide = zip64 || count >= U16_MAX;
  eocd.writeUInt16LE(wide ? U16_MAX : count, 8);
  eocd.writeUInt16LE(wide ? U16_MAX : count, 10);
  eocd.writeUInt32LE(wide ? U32_MAX : size, 12);
  eocd.writeUInt32LE(wide ? U32_MAX : offset, 16);
  if (!wide) return eocd;
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(size), 40);
  record.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + size), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, eocd]);
}

/** The local header, central record (for a local header at `offset`) and stored bytes of one entry. */
export function fixtureParts(
  entry: FixtureEntry,
  offset: number,
): { local: Buffer; central: Buffer; body: Buffer } {
  const e = resolve(entry);
  return { local: localHeader(e), central: centralHeader(e, offset), body: e.body };
}

/** A zip of `entries`, in order, with whatever lies the entries declare. */
export function buildZip(entries: readonly FixtureEntry[], options: FixtureOptions = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { local, central: record, body } = fixtureParts(entry, offset);
    central.push(record);
    parts.push(local, body);
    offset += local.length + body.length;
  }
  const directory = Buffer.concat(central);
  const count = options.declaredCount ?? entries.length;
  return Buffer.concat([
    ...parts,
    directory,
    endRecords(count, offset, directory.length, options.zip64 ?? false),
  ]);
}

/**
 * Raw deflate data of `blocks` copies of `block` (each compressed alone and sync-flushed, so copies can be
 * concatenated) and a final empty block: gigabytes of output from a few megabytes, without deflating them.
 */
export function repeatedDeflate(block: Buffer, blocks: number): Buffer {
  const one = deflateRawSync(block, { finishFlush: constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array.from({ length: blocks }, () => one), Buffer.from([0x03, 0x00])]);
}

/** CRC-32 of `blocks` copies of `block`. */
export function repeatedCrc(block: Buffer, blocks: number): number {
  let crc = 0;
  for (let i = 0; i < blocks; i++) crc = crc32(block, crc);
  return crc;
}

/** Deterministic sparse noise (1 byte in 100 random): deflates about 28:1, under a 100:1 ratio cap. */
export function sparseNoise(bytes: number, seed = 7): Buffer {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) if (next() < 0.01) out[i] = Math.floor(next() * 256);
  return out;
}
