import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LoadResult } from './annotator-load';
import { type Drain, medianDrain } from './lifecycle-drain';

const load: LoadResult = {
  seconds: 1,
  submitted: 1,
  lease: { count: 0, p50: 0, p99: 0, max: 0 },
  submit: { count: 0, p50: 0, p99: 0, max: 0 },
  clientCpuSeconds: 0,
};
const drain = (tasksPerSecond: number, tag: number): Drain => ({
  tasks: tag,
  tasksPerSecond,
  load,
  createSeconds: 0,
  serverCpu: 0,
  machineCpu: 0,
  postgresCpu: null,
  written: { bytes: 0, calls: 0 },
});

describe('the median drain', () => {
  it('is one of the drains, whole: its other figures come with its rate', () => {
    const drains = [drain(1_276, 1), drain(1_647, 3), drain(1_463, 2)];
    expect(medianDrain(drains)).toBe(drains[2]);
  });

  it('of an even count is the slower middle drain, and a single drain is itself', () => {
    expect(medianDrain([drain(4, 1), drain(1, 2), drain(3, 3), drain(2, 4)]).tasksPerSecond).toBe(2);
    const only = drain(7, 1);
    expect(medianDrain([only])).toBe(only);
    expect(() => medianDrain([])).toThrow(/no drains/);
  });

  it('has as many drains at least as fast as at most as fast, in any order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e5, noNaN: true }), { minLength: 1, maxLength: 9 }),
        (rates) => {
          const m = medianDrain(rates.map((r, i) => drain(r, i))).tasksPerSecond;
          const atMost = rates.filter((r) => r <= m).length;
          const atLeast = rates.filter((r) => r >= m).length;
          expect(atMost).toBeGreaterThanOrEqual(Math.ceil(rates.length / 2));
          expect(atLeast).toBeGreaterThanOrEqual(Math.floor(rates.length / 2) + (rates.length % 2));
          expect(rates).toContain(m);
        },
      ),
    );
  });
});
