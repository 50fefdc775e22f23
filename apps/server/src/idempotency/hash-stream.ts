import { createHash } from 'node:crypto';
import { TesseraError } from '@tessera/core';

/**
 * SHA-256 (hex) of a whole stream, reading at most `limit` bytes (413 beyond). Used to compare a repeated
 * streamed upload with the one its Idempotency-Key already answered, without executing it again.
 */
export async function hashStream(stream: AsyncIterable<unknown>, limit: number): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const piece of stream) {
      const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(String(piece), 'utf8');
      bytes += chunk.length;
      if (bytes > limit)
        throw new TesseraError('payload_too_large', 413, `the upload is larger than ${limit} bytes`);
      hash.update(chunk);
    }
  } catch (error) {
    if (error instanceof TesseraError) throw error;
    throw new TesseraError('request_aborted', 400, 'the upload was interrupted before its end', {}, error);
  }
  return hash.digest('hex');
}
