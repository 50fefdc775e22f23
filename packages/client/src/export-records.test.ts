import type { ExportRecord } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { createClient } from './client';
import { TesseraApiError } from './errors';
import type { FetchLike, FetchResponse } from './transport';

const record = (n: number) => ({ schema: 'tessera.label/1', task_id: `tsk_${n}`, cursor: `c${n}` });
const line = (n: number) => `${JSON.stringify(record(n))}\n`;
const NDJSON = { 'content-type': 'application/x-ndjson; charset=utf-8' };

/** A 200 whose body delivers `parts` one by one, then ends, or fails (a broken connection) when `fail`. */
function streamed(parts: readonly string[], fail = false, onCancel?: () => void): FetchResponse {
  const queue = [...parts];
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next !== undefined) controller.enqueue(new TextEncoder().encode(next));
      else if (fail) controller.error(new TypeError('terminated'));
      else controller.close();
    },
    cancel() {
      onCancel?.();
    },
  });
  return new Response(body, { status: 200, headers: NDJSON });
}

function scripted(...replies: (FetchResponse | Error)[]) {
  const urls: string[] = [];
  const slept: number[] = [];
  const fetch: FetchLike = async (url) => {
    urls.push(url);
    const next = replies.shift();
    if (next === undefined) throw new Error(`unexpected request ${url}`);
    if (next instanceof Error) throw next;
    return next;
  };
  const client = createClient({
    baseUrl: 'http://tessera.test',
    apiKey: 'tsr_live_k',
    fetch,
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
  return { client, urls, slept };
}

async function collect(iterable: AsyncIterable<ExportRecord>): Promise<string[]> {
  const ids: string[] = [];
  for await (const r of iterable) ids.push(r.task_id);
  return ids;
}

describe('client.exportProject', () => {
  it('yields records as lines arrive, also when a line is split across chunks', async () => {
    const text = line(1) + line(2) + line(3);
    const { client, urls } = scripted(streamed([text.slice(0, 10), text.slice(10, 70), text.slice(70)]));
    expect(await collect(client.exportProject({ project: 'cars', batch: 'b1' }))).toEqual([
      'tsk_1',
      'tsk_2',
      'tsk_3',
    ]);
    expect(urls).toEqual(['http://tessera.test/v1/projects/cars/export?batch=b1']);
  });

  it('resumes after the last whole record when the connection breaks, so nothing is yielded twice', async () => {
    const { client, urls, slept } = scripted(
      streamed([line(1), line(2), line(3).slice(0, 15)], true),
      new TypeError('fetch failed'),
      streamed([line(3), line(4)]),
    );
    expect(await collect(client.exportProject({ project: 'cars' }))).toEqual([
      'tsk_1',
      'tsk_2',
      'tsk_3',
      'tsk_4',
    ]);
    expect(urls).toEqual([
      'http://tessera.test/v1/projects/cars/export',
      'http://tessera.test/v1/projects/cars/export?after=c2',
      'http://tessera.test/v1/projects/cars/export?after=c2',
    ]);
    expect(slept).toEqual([500, 1000]);
  });

  it('a body that ends inside a line (no error) is broken too, and is resumed', async () => {
    const { client, urls } = scripted(streamed([line(1), '{"task_id"']), streamed([line(2)]));
    expect(await collect(client.exportProject({ project: 'cars' }))).toEqual(['tsk_1', 'tsk_2']);
    expect(urls[1]).toBe('http://tessera.test/v1/projects/cars/export?after=c1');
  });

  it('retries 503 with Retry-After, and throws a 404 problem as TesseraApiError without retrying', async () => {
    const unavailable = new Response('{"code":"database_unavailable"}', {
      status: 503,
      headers: { 'content-type': 'application/problem+json', 'retry-after': '2' },
    });
    const { client, slept } = scripted(unavailable, streamed([line(1)]));
    expect(await collect(client.exportProject({ project: 'cars' }))).toEqual(['tsk_1']);
    expect(slept).toEqual([2000]);

    const notFound = new Response('{"status":404,"code":"not_found","detail":"project nope not found"}', {
      status: 404,
      headers: { 'content-type': 'application/problem+json' },
    });
    const second = scripted(notFound);
    const error = await collect(second.client.exportProject({ project: 'nope' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TesseraApiError);
    expect((error as TesseraApiError).code).toBe('not_found');
    expect(second.urls).toHaveLength(1);
  });

  it('a consumer that stops early cancels the body (the server stops reading)', async () => {
    let canceled = false;
    const { client } = scripted(
      streamed([line(1), line(2), line(3)], false, () => {
        canceled = true;
      }),
    );
    for await (const r of client.exportProject({ project: 'cars' })) {
      expect(r.task_id).toBe('tsk_1');
      break;
    }
    expect(canceled).toBe(true);
  });
});
