import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abRows, abTable, median, separationChance } from './ab-table';

describe('A/B comparison of bench figures', () => {
  it('takes the median of the finite values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([0, -0, 5]) === median([5, -0, 0])).toBe(true);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([Number.NaN, 5])).toBe(5);
    expect(median([])).toBeNaN();
  });

  it('the median lies between the smallest and largest value, and ignores their order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), { minLength: 1 }), (xs) => {
        const m = median(xs);
        expect(m).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(m).toBeLessThanOrEqual(Math.max(...xs));
        // ===, not toBe: with 0 and -0 among the values the order decides which zero is the median.
        expect(median([...xs].reverse()) === m).toBe(true);
      }),
    );
  });

  it('compares every figure both sides reported, round by round', () => {
    const rows = abRows(
      [{ 'x.tasksPerSecond': 100, 'only.base': 1 }, { 'x.tasksPerSecond': 120 }, { 'x.tasksPerSecond': 110 }],
      [{ 'x.tasksPerSecond': 130 }, { 'x.tasksPerSecond': 125 }, { 'x.tasksPerSecond': 140 }],
    );
    expect(rows).toEqual([
      {
        key: 'x.tasksPerSecond',
        base: [100, 120, 110],
        current: [130, 125, 140],
        baseMedian: 110,
        currentMedian: 130,
        change: 130 / 110 - 1,
      },
    ]);
    const table = abTable(rows, 'abc1234', 'working tree');
    expect(table).toContain(
      '| x.tasksPerSecond | 100 / 120 / 110 | 130 / 125 / 140 | +18.2% | all higher (by chance 1 in 10) |',
    );
  });

  it('gives the chance that rounds fall apart with no real difference (exact permutation test)', () => {
    expect(separationChance(2, 2)).toBeCloseTo(1 / 3);
    expect(separationChance(3, 3)).toBeCloseTo(1 / 10);
    expect(separationChance(4, 4)).toBeCloseTo(1 / 35);
    expect(separationChance(1, 1)).toBe(1);
    // brute force over every split of 3 + 3 distinct ranks: the fraction completely apart
    const splits: number[][] = [];
    for (let mask = 0; mask < 64; mask++) {
      const picked = [0, 1, 2, 3, 4, 5].filter((i) => (mask >> i) & 1);
      if (picked.length === 3) splits.push(picked);
    }
    const apart = splits.filter((p) => p.join() === '0,1,2' || p.join() === '3,4,5').length;
    expect(apart / splits.length).toBeCloseTo(separationChance(3, 3));
  });

  it('leaves out figures that are zero on both sides', () => {
    expect(abRows([{ z: 0, a: 1 }], [{ z: 0, a: 2 }]).map((r) => r.key)).toEqual(['a']);
  });

  it('says the rounds overlap when one side does not lie beyond the other', () => {
    const rows = abRows([{ a: 10 }, { a: 20 }], [{ a: 15 }, { a: 25 }]);
    expect(abTable(rows, 'base', 'current')).toContain('| overlap |');
    const lower = abRows([{ a: 10 }, { a: 20 }], [{ a: 5 }, { a: 9 }]);
    expect(abTable(lower, 'base', 'current')).toContain('| all lower (by chance 1 in 3) |');
    expect(abTable(abRows([{ a: 10 }], [{ a: 20 }]), 'base', 'current')).toContain('| one round |');
  });
});
