import { describe, expect, it } from 'vitest';
import { computeDrift } from './metrics-drift';

const repeat = (label: string, n: number) => new Array<string>(n).fill(label);

describe('metrics drift (in process)', () => {
  it('reports PSI, KL, JS distance and chi-square', () => {
    const reference = [...repeat('a', 25), ...repeat('b', 25), ...repeat('c', 25), ...repeat('d', 25)];
    const current = [...repeat('a', 10), ...repeat('b', 20), ...repeat('c', 30), ...repeat('d', 40)];
    const out = computeDrift(reference, current);
    expect(out.psi).toBeCloseTo(0.228217, 6);
    expect(out.klDivergence).toBeCloseTo(0.10644, 6);
    expect(out.jsDistance).toBeCloseTo(0.16693, 6);
    expect(out.dof).toBe(3);
    expect(out.pValue).toBeGreaterThan(0);
    expect(out.pValue).toBeLessThan(0.05);
    expect(out.epsilon).toBe(1e-4);
  });

  it('is zero for identical samples and handles one category', () => {
    const out = computeDrift(['x', 'y'], ['y', 'x']);
    expect([out.psi, out.klDivergence, out.jsDistance, out.chiSquare, out.pValue]).toEqual([0, 0, 0, 0, 1]);
    expect(computeDrift(['x'], ['x', 'x'])).toMatchObject({ chiSquare: 0, pValue: 1, dof: 0 });
  });

  it('refuses labels that differ only in type', () => {
    expect(() => computeDrift([1], ['1'])).toThrow(/differ only in type/);
  });
});
