import { describe, expect, it } from 'vitest';
import { mapPool, type PoolResult } from './map-pool';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function collect<R>(gen: AsyncGenerator<PoolResult<R>>): Promise<PoolResult<R>[]> {
  const out: PoolResult<R>[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

describe('mapPool', () => {
  it('keeps at most `concurrency` jobs in flight and yields in completion order', async () => {
    let inFlight = 0;
    let peak = 0;
    const delays = [30, 5, 5, 5, 5];
    const results = await collect(
      mapPool(delays, 2, async (ms, i) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await tick(ms);
        inFlight -= 1;
        return i * 10;
      }),
    );
    expect(peak).toBe(2);
    expect(results.map((r) => r.index).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(results[0]?.index).toBe(1); // the slow first job finishes after a faster one
    expect(results.every((r) => r.ok && r.value === r.index * 10)).toBe(true);
  });

  it('yields failures as values and goes on', async () => {
    const results = await collect(
      mapPool([1, 2, 3], 3, async (n) => {
        if (n === 2) throw new Error('boom');
        return n;
      }),
    );
    const failed = results.filter((r) => !r.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ index: 1, ok: false });
    expect(results.filter((r) => r.ok)).toHaveLength(2);
  });

  it('starts nothing new once the signal is aborted', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const results = await collect(
      mapPool(
        [0, 1, 2, 3, 4, 5],
        2,
        async (n) => {
          started.push(n);
          if (n === 1) controller.abort();
          await tick(1);
          return n;
        },
        controller.signal,
      ),
    );
    expect(started).toEqual([0, 1]);
    expect(results).toHaveLength(2);
  });
});
