import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coincidenceMatrix } from './coincidence-matrix';
import { krippendorffAlpha, krippendorffAlphaFromRatings } from './krippendorff-alpha';
import { intervalDistance, masiDistance, nominalDistance } from './krippendorff-distance';
import type { LabelValue } from './label-order';
import type { ReliabilityData } from './reliability-data';
import { TOY_YSDA } from './toy-ysda.fixture';

const row = (s: string) => s.split(' ').map((x) => (x === '.' ? null : Number(x)));

/** Krippendorff (2011), 4 observers × 12 units. */
const paper = [
  row('1 2 3 3 2 1 4 1 2 . . .'),
  row('1 2 3 3 2 2 4 1 2 5 . 3'),
  row('. 3 3 3 2 3 4 2 2 5 1 .'),
  row('1 2 3 3 2 4 4 1 2 5 1 .'),
];

/** Wikipedia / fast-krippendorff tests, 3 coders × 15 units. */
const wikipedia = [
  row('. . . . . 3 4 1 2 1 1 3 3 . 3'),
  row('1 . 2 1 3 3 4 3 . . . . . . .'),
  row('. . 2 1 3 4 4 . 2 1 1 3 3 . 4'),
];

describe("Krippendorff's alpha", () => {
  it('reproduces Krippendorff (2011) at all four levels', () => {
    expect(krippendorffAlpha(paper, { level: 'nominal' }).alpha).toBeCloseTo(0.743421, 6);
    expect(krippendorffAlpha(paper, { level: 'ordinal' }).alpha).toBeCloseTo(0.815388, 6);
    expect(krippendorffAlpha(paper, { level: 'interval' }).alpha).toBeCloseTo(0.849107, 6);
    expect(krippendorffAlpha(paper, { level: 'ratio' }).alpha).toBeCloseTo(0.797403, 6);
    const result = krippendorffAlpha(paper);
    expect(result.pairableValues).toBe(40);
    expect(result.pairableUnits).toBe(11);
    expect(result.droppedUnits).toBe(1);
  });

  it('reproduces the published coincidence matrix', () => {
    const c = coincidenceMatrix(paper);
    const expected = [
      [7, 4 / 3, 1 / 3, 1 / 3, 0],
      [4 / 3, 10, 4 / 3, 1 / 3, 0],
      [1 / 3, 4 / 3, 8, 1 / 3, 0],
      [1 / 3, 1 / 3, 1 / 3, 4, 0],
      [0, 0, 0, 0, 3],
    ];
    expect(c.values).toEqual([1, 2, 3, 4, 5]);
    c.matrix.forEach((r, i) => {
      r.forEach((v, j) => {
        expect(v).toBeCloseTo(expected[i]![j]!, 9);
      });
    });
    expect(c.marginals).toEqual([9, 13, 10, 5, 3]);
    expect(c.n).toBe(40);
  });

  it('reproduces the Wikipedia example', () => {
    expect(krippendorffAlpha(wikipedia).alpha).toBeCloseTo(0.691358, 6);
    expect(krippendorffAlpha(wikipedia, { level: 'interval' }).alpha).toBeCloseTo(0.810845, 6);
  });

  it('reproduces the fast-krippendorff string, custom-distance and ratio tests', () => {
    const strings = [
      ['pos', 'neg', 'neu', null],
      ['pos', 'neg', 'neu', 'pos'],
      ['pos', 'neg', 'pos', 'pos'],
    ];
    expect(krippendorffAlpha(strings).alpha).toBeCloseTo(0.722222, 6);
    const absolute = (a: LabelValue, b: LabelValue) => Math.abs(Number(a) - Number(b));
    const custom = krippendorffAlpha(
      [
        [1, 2, 3],
        [1, 2, 4],
      ],
      { distance: absolute },
    );
    expect(custom.alpha).toBeCloseTo(0.761905, 6);
    const ratio = krippendorffAlpha(
      [
        [0, 1, 2],
        [0, 1, 2],
      ],
      { level: 'ratio' },
    );
    expect(ratio.alpha).toBeCloseTo(1, 12);
  });

  it('reproduces the crowd-kit alpha tests', () => {
    const xy = [
      { item: 'X', annotator: 'A', label: 'Yes' },
      { item: 'X', annotator: 'B', label: 'Yes' },
      { item: 'Y', annotator: 'A', label: 'No' },
      { item: 'Y', annotator: 'B', label: 'No' },
    ];
    expect(krippendorffAlphaFromRatings(xy).alpha).toBeCloseTo(1, 12);
    const xyz = [
      ...xy,
      { item: 'Z', annotator: 'A', label: 'Yes' },
      { item: 'Z', annotator: 'B', label: 'No' },
    ];
    expect(krippendorffAlphaFromRatings(xyz).alpha).toBeCloseTo(0.4444444444444444, 12);
    expect(krippendorffAlphaFromRatings(TOY_YSDA).alpha).toBeCloseTo(0.14219114219114215, 12);
  });

  it('reproduces the crowd-kit set-label tests (binary and MASI)', () => {
    const sets = [
      ['dog', 'cat', 'cat'],
      ['dog', 'cat', 'cat|mouse'],
    ];
    const split = (v: LabelValue) => String(v).split('|');
    expect(krippendorffAlpha(sets).alpha).toBeCloseTo(0.5454545454545454, 12);
    const masi = krippendorffAlpha(sets, { distance: (a, b) => masiDistance(split(a), split(b)) });
    expect(masi.alpha).toBeCloseTo(0.6673336668334168, 12);
  });

  it('computes MASI as nltk', () => {
    expect(masiDistance(['a'], ['a'])).toBe(0);
    expect(masiDistance(['a'], ['a', 'b'])).toBeCloseTo(1 - 0.5 * 0.67, 12);
    expect(masiDistance(['a', 'c'], ['a', 'b'])).toBeCloseTo(1 - (1 / 3) * 0.33, 12);
    expect(masiDistance(['a'], ['b'])).toBe(1);
  });

  it('returns NaN for one distinct pairable value and throws without a pairable unit', () => {
    expect(
      krippendorffAlpha([
        [1, 1, 2],
        [1, 1, null],
      ]).alpha,
    ).toBeNaN();
    expect(() =>
      krippendorffAlpha([
        [1, null],
        [null, 2],
      ]),
    ).toThrow(/two or more values/);
    expect(() => krippendorffAlpha([])).toThrow(/two or more values/);
  });

  it('rejects non-numeric values at interval and ratio level', () => {
    expect(() =>
      krippendorffAlpha(
        [
          ['a', 'b'],
          ['a', 'b'],
        ],
        { level: 'interval' },
      ),
    ).toThrow(/numeric/);
    expect(() =>
      krippendorffAlpha(
        [
          [1, 'b'],
          [1, 'b'],
        ],
        { level: 'ratio' },
      ),
    ).toThrow(/numeric/);
  });

  it('orders ordinal strings by an explicit domain', () => {
    const data = [
      ['low', 'mid', 'high', 'high'],
      ['low', 'high', 'high', 'mid'],
    ];
    const asNumbers = data.map((r) => r.map((v) => ({ low: 1, mid: 2, high: 3 })[v]!));
    expect(krippendorffAlpha(data, { level: 'ordinal', domain: ['low', 'mid', 'high'] }).alpha).toBeCloseTo(
      krippendorffAlpha(asNumbers, { level: 'ordinal' }).alpha,
      12,
    );
  });
});

const reliabilityData = fc
  .tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 8 }))
  .chain(([coders, units]) =>
    fc.array(
      fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), {
        minLength: units,
        maxLength: units,
      }),
      {
        minLength: coders,
        maxLength: coders,
      },
    ),
  );

function alphaOrError(
  data: ReliabilityData,
  level: 'nominal' | 'ordinal' | 'interval' | 'ratio',
): number | string {
  try {
    return krippendorffAlpha(data, { level }).alpha;
  } catch (error) {
    return (error as Error).message;
  }
}

function expectSame(a: number | string, b: number | string): void {
  if (typeof a === 'string' || Number.isNaN(a)) expect(b).toEqual(a);
  else expect(b as number).toBeCloseTo(a, 9);
}

describe("Krippendorff's alpha properties", () => {
  const levels = fc.constantFrom(
    'nominal' as const,
    'ordinal' as const,
    'interval' as const,
    'ratio' as const,
  );

  it('is invariant under permuting coders and units', () => {
    fc.assert(
      fc.property(reliabilityData, levels, fc.integer(), (data, level, seed) => {
        const coders = [...data].reverse();
        const width = data[0]!.length;
        const perm = [...Array(width).keys()].sort(
          (a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13),
        );
        const permuted = coders.map((r) => perm.map((u) => r[u]!));
        expectSame(alphaOrError(data, level), alphaOrError(permuted, level));
      }),
    );
  });

  it('is invariant under relabelling at nominal level', () => {
    const names = ['q', 'w', 'e', 'r', 't'];
    fc.assert(
      fc.property(reliabilityData, (data) => {
        const renamed = data.map((r) => r.map((v) => (v === null ? null : names[v - 1]!)));
        expectSame(alphaOrError(data, 'nominal'), alphaOrError(renamed, 'nominal'));
      }),
    );
  });

  it('closed forms agree with the pairwise definition', () => {
    fc.assert(
      fc.property(reliabilityData, (data) => {
        let nominal: number;
        try {
          nominal = krippendorffAlpha(data).alpha;
        } catch {
          return;
        }
        const generic = krippendorffAlpha(data, { distance: nominalDistance }).alpha;
        expectSame(nominal, generic);
        const interval = krippendorffAlpha(data, { level: 'interval' }).alpha;
        const intervalGeneric = krippendorffAlpha(data, {
          distance: (a, b) => intervalDistance(a as number, b as number),
        }).alpha;
        expectSame(interval, intervalGeneric);
        const { values, marginals } = coincidenceMatrix(data);
        const ordinalDelta = (a: LabelValue, b: LabelValue) => {
          const [lo, hi] = [values.indexOf(a), values.indexOf(b)].sort((x, y) => x - y) as [number, number];
          let sum = 0;
          for (let g = lo; g <= hi; g += 1) sum += marginals[g]!;
          return (sum - (marginals[lo]! + marginals[hi]!) / 2) ** 2;
        };
        expectSame(
          krippendorffAlpha(data, { level: 'ordinal' }).alpha,
          krippendorffAlpha(data, { distance: ordinalDelta }).alpha,
        );
      }),
    );
  });

  it('is 1 under perfect agreement with at least two distinct values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2 }), levels, (units, level) => {
        fc.pre(new Set(units).size >= 2);
        expect(krippendorffAlpha([units, units], { level }).alpha).toBeCloseTo(1, 12);
      }),
    );
  });
});
