import { describe, expect, it } from 'vitest';
import { type BulkProgress, bulkCreate } from './bulk-upload';
import type { HttpRequest } from './transport';

/** A stand-in for `POST /v1/tasks/bulk`: lines without `type` are invalid, unique_id "dup" a duplicate. */
function fakeBulkEndpoint() {
  const requests: HttpRequest[] = [];
  const send = async (req: HttpRequest) => {
    requests.push(req);
    const data = req.content?.data ?? '';
    if (typeof data !== 'string') throw new Error('bulk bodies are NDJSON text');
    const lines = data.split('\n').filter((l) => l !== '');
    const results = lines.map((text, i) => {
      const value = JSON.parse(text) as { type?: string; unique_id?: string };
      if (value.type === undefined)
        return {
          line: i + 1,
          outcome: 'invalid' as const,
          errors: [{ pointer: '/type', message: 'required', code: 'required' }],
        };
      if (value.unique_id === 'dup')
        return { line: i + 1, outcome: 'duplicate' as const, existing_task_id: 'tsk_0' };
      return { line: i + 1, outcome: 'created' as const, task_id: `tsk_${requests.length}_${i + 1}` };
    });
    const count = (o: string) => results.filter((r) => r.outcome === o).length;
    return { created: count('created'), duplicates: count('duplicate'), invalid: count('invalid'), results };
  };
  return { requests, send };
}

const task = (n: number) => ({ type: 'imageannotation', unique_id: `u-${n}` });

describe('bulk create', () => {
  it('streams an async iterable in chunks of NDJSON, mapping results back to source lines', async () => {
    const { requests, send } = fakeBulkEndpoint();
    async function* source() {
      for (let n = 1; n <= 5; n += 1) yield task(n);
      yield '   ';
      yield '{"unique_id":"no-type"}';
      yield { type: 'imageannotation', unique_id: 'dup' };
    }
    const progress: BulkProgress[] = [];
    const summary = await bulkCreate(send, 'cars', source(), {
      batch: 'b 1',
      chunkLines: 3,
      onProgress: (p) => progress.push(p),
    });
    expect(summary).toMatchObject({ lines: 8, created: 5, duplicates: 1, invalid: 1 });
    expect(requests.map((r) => r.path)).toEqual(Array(3).fill('/v1/tasks/bulk?project=cars&batch=b+1'));
    expect(requests[0]?.content).toEqual({
      type: 'application/x-ndjson',
      data: `${JSON.stringify(task(1))}\n${JSON.stringify(task(2))}\n${JSON.stringify(task(3))}\n`,
    });
    expect(summary.results.map((r) => [r.line, r.outcome])).toEqual([
      [1, 'created'],
      [2, 'created'],
      [3, 'created'],
      [4, 'created'],
      [5, 'created'],
      [7, 'invalid'],
      [8, 'duplicate'],
    ]);
    expect(progress.map((p) => [p.lines, p.created])).toEqual([
      [3, 3],
      [7, 5],
      [8, 5],
    ]);
  });

  it('accepts a whole NDJSON string (blank lines counted, not sent) and a character budget per chunk', async () => {
    const { requests, send } = fakeBulkEndpoint();
    const text = [task(1), task(2), task(3)].map((t) => JSON.stringify(t)).join('\n\n');
    const summary = await bulkCreate(send, 'cars', `${text}\n`, { chunkChars: 100, keepResults: false });
    expect(summary).toMatchObject({ lines: 6, created: 3, results: [] });
    expect(requests).toHaveLength(2);
  });

  it('an empty source sends nothing; a raw line with a line break is refused', async () => {
    const { requests, send } = fakeBulkEndpoint();
    expect(await bulkCreate(send, 'cars', '')).toMatchObject({ lines: 1, created: 0 });
    expect(await bulkCreate(send, 'cars', [])).toMatchObject({ lines: 0, created: 0 });
    expect(requests).toHaveLength(0);
    await expect(bulkCreate(send, 'cars', ['{"a":\n1}'])).rejects.toThrow(/line 1 contains a line break/);
  });
});
