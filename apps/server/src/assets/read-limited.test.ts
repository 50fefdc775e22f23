import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLimited } from './read-limited';

const pieces = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

describe('readLimited', () => {
  it('joins the pieces of a stream up to the limit', async () => {
    expect((await readLimited(pieces('ab', 'cd', 'e'), 5)).toString()).toBe('abcde');
  });

  it('fails with 413 as soon as the limit is crossed, without reading further', async () => {
    let read = 0;
    async function* counted() {
      for (const p of ['abc', 'def', 'ghi']) {
        read += 1;
        yield Buffer.from(p);
      }
    }
    await expect(readLimited(counted(), 5)).rejects.toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(read).toBe(2);
  });

  it('turns a broken stream into 400 request_aborted', async () => {
    const broken = new Readable({
      read() {
        this.destroy(new Error('socket hang up'));
      },
    });
    await expect(readLimited(broken, 10)).rejects.toMatchObject({ code: 'request_aborted', status: 400 });
  });
});
