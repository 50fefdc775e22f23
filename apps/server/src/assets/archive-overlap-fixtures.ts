import { crc32, deflateRawSync } from 'node:zlib';
import { endRecords, type FixtureEntry, fixtureParts } from './archive-fixtures';

/** A deflate stored-block header (not final) quoting the next `length` bytes verbatim. */
function quote(length: number): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt16LE(length, 1);
  header.writeUInt16LE(~length & 0xffff, 3);
  return header;
}

/**
 * David Fifield's "better zip bomb" (2019): one deflated kernel shared by `files` entries. Entry i's data is
 * a stored block quoting entry i+1's local header, followed by entry i+1's data, so every entry inflates to
 * the kernel plus the headers after it, and the entries overlap. Every header is truthful (names, sizes,
 * CRC-32): only the overlap gives it away. Entries are named `0.png`, `1.png`, ….
 */
export function fifieldZip(kernel: Buffer, files: number): Buffer {
  const deflated = deflateRawSync(kernel);
  const locals: Buffer[] = [];
  const entries: FixtureEntry[] = [];
  let tail: Buffer[] = [kernel]; // what entry i inflates to, as pieces
  let compressedSize = deflated.length;
  for (let i = files - 1; i >= 0; i--) {
    const size = tail.reduce((n, piece) => n + piece.length, 0);
    const crc = tail.reduce((c, piece) => crc32(piece, c), 0);
    const entry: FixtureEntry = { name: `${i}.png`, raw: deflated, size, compressedSize, crc };
    const { local } = fixtureParts(entry, 0);
    entries.unshift(entry);
    locals.unshift(local);
    tail = [local, ...tail];
    compressedSize += 5 + local.length;
  }
  const body: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  entries.forEach((entry, i) => {
    central.push(fixtureParts(entry, offset).central);
    const local = locals[i] as Buffer;
    const next = locals[i + 1];
    body.push(local);
    offset += local.length;
    if (next !== undefined) {
      body.push(quote(next.length));
      offset += 5;
    }
  });
  body.push(deflated);
  offset += deflated.length;
  const directory = Buffer.concat(central);
  return Buffer.concat([...body, directory, endRecords(files, offset, directory.length, false)]);
}
