import { TesseraError } from '@tessera/core';

/**
 * The whole body of a stream as one buffer, reading at most `limit` bytes: crossing it is 413
 * `payload_too_large` (nothing more is read); a stream that breaks off is 400 `request_aborted`.
 */
export async function readLimited(stream: AsyncIterable<unknown>, limit: number): Promise<Buffer> {
  const pieces: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const piece of stream) {
      const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(String(piece), 'utf8');
      bytes += chunk.length;
      if (bytes > limit) {
        throw new TesseraError('payload_too_large', 413, `the upload is larger than ${limit} bytes`);
      }
      pieces.push(chunk);
    }
  } catch (error) {
    if (error instanceof TesseraError) throw error;
    throw new TesseraError('request_aborted', 400, 'the upload was interrupted before its end', {}, error);
  }
  return Buffer.concat(pieces, bytes);
}
