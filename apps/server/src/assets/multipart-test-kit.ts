import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { UPLOAD_STAGING_DIR } from '../routes/asset-form-routes';

/** One part of a hand-built multipart body; anything left out is left out of the part's header too. */
export interface FormPart {
  /** The `name` of its Content-Disposition (default `file`; null: no name parameter). */
  readonly field?: string | null;
  /** The `filename` (default none). */
  readonly filename?: string;
  /** Its Content-Type (default none). */
  readonly type?: string;
  /** Extra header lines, sent as they are after the ones above. */
  readonly headers?: readonly string[];
  /** The part's whole header block, sent instead of the one the fields above make. */
  readonly head?: readonly string[];
  readonly data: Buffer;
}

export interface FormBody {
  readonly contentType: string;
  readonly body: Buffer;
}

export const TEST_BOUNDARY = 'tessera-test-boundary-7f3a';

function partHead(part: FormPart): string {
  if (part.head !== undefined) return `${part.head.join('\r\n')}\r\n\r\n`;
  const field = part.field === undefined ? 'file' : part.field;
  const disposition = [
    'form-data',
    ...(field === null ? [] : [`name="${field}"`]),
    ...(part.filename === undefined ? [] : [`filename="${part.filename}"`]),
  ].join('; ');
  const lines = [
    `Content-Disposition: ${disposition}`,
    ...(part.type === undefined ? [] : [`Content-Type: ${part.type}`]),
    ...(part.headers ?? []),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * A multipart/form-data body as RFC 7578 lays it out (the test's own encoder, so a test can also send what
 * no client library would: a missing closing delimiter, odd headers, a part of any size).
 */
export function formBody(
  parts: readonly FormPart[],
  options: { close?: boolean; boundary?: string } = {},
): FormBody {
  const boundary = options.boundary ?? TEST_BOUNDARY;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n${partHead(part)}`, 'utf8'), part.data, Buffer.from('\r\n'));
  }
  if (options.close !== false) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/** The bytes a part of `dataBytes` adds to a body besides its data (for sizing bodies to a cap exactly). */
export function partOverhead(part: Omit<FormPart, 'data'>): number {
  return formBody([{ ...part, data: Buffer.alloc(0) }], { close: false }).body.length;
}

/** The per-request folders left under `<data>/upload-staging` ([] when none or no root). */
export function stagingLeft(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, UPLOAD_STAGING_DIR)).sort();
  } catch {
    return [];
  }
}

/** A PNG chunk: u32 BE length, type, data, CRC-32 of type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * The same PNG grown to exactly `size` bytes by a private ancillary chunk before IEND (`prVt`: decoders skip
 * it), so a test can send a valid image of any size from the PNG's own size plus 12 up.
 */
export function pngOfSize(png: Buffer, size: number): Buffer {
  const iend = png.length - 12;
  const filler = size - png.length - 12;
  if (filler < 0) throw new Error(`a PNG of ${png.length} bytes cannot be padded to ${size}`);
  return Buffer.concat([
    png.subarray(0, iend),
    pngChunk('prVt', Buffer.alloc(filler, 0x2a)),
    png.subarray(iend),
  ]);
}
