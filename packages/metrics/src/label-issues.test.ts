import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calibrateConfidentJoint,
  computeConfidentJoint,
  confidentThresholds,
  countLabelsPerClass,
} from './confident-joint';
import { findLabelIssues, findPredictedNeqGiven, LABEL_ISSUE_FILTERS, numLabelIssues } from './label-issues';
import { orderLabelIssues } from './label-quality-scores';
import { MetricsInputError } from './metrics-input-error';

// cleanlab tests/test_filter_count.py::test_issue_158 (https://github.com/cleanlab/cleanlab/issues/158),
// copied verbatim from the test file.
const ISSUE_158_PRED_PROBS = [
  [0.27916167, 0.14589103, 0.29264585, 0.28230144],
  [0.13429196, 0.12536383, 0.47943979, 0.26090442],
  [0.41348584, 0.13463275, 0.25845595, 0.19342546],
  [0.27753469, 0.12295569, 0.33125886, 0.26825075],
  [0.11649856, 0.11219034, 0.51857122, 0.25273988],
  [0.38010026, 0.25572261, 0.1330541, 0.23112304],
  [0.31583755, 0.1363069, 0.29246806, 0.2553875],
  [0.30240076, 0.16925207, 0.26499082, 0.26335636],
  [0.44524505, 0.27410085, 0.08305069, 0.19760341],
  [0.22903975, 0.07783631, 0.38035414, 0.3127698],
  [0.2507156, 0.120729, 0.32551729, 0.30303812],
  [0.43809229, 0.14401381, 0.208393, 0.2095009],
  [0.20749181, 0.11883556, 0.38402152, 0.28965111],
  [0.43840254, 0.13538447, 0.24518806, 0.18102493],
  [0.28504779, 0.1030975, 0.34258602, 0.26926868],
  [0.38425408, 0.29168969, 0.15181255, 0.17224368],
  [0.19339907, 0.10804265, 0.37570368, 0.3228546],
  [0.21509781, 0.07190167, 0.38914722, 0.3238533],
  [0.27040334, 0.1303784, 0.3284232, 0.27079507],
  [0.4059021, 0.1671356, 0.24889193, 0.17807036],
];
const ISSUE_158_LABELS = [3, 3, 1, 3, 0, 2, 2, 2, 0, 2, 2, 1, 0, 0, 0, 0, 2, 1, 3, 3];

describe('cleanlab find_label_issues: published cases (quality-math.md §10)', () => {
  it('test_missing_classes: [F,F,F,T] for every filter_by', () => {
    const labels = [0, 0, 2, 2];
    const probs = [
      [0.9, 0, 0.1, 0],
      [0.8, 0, 0.2, 0],
      [0.1, 0, 0.9, 0],
      [0.95, 0, 0.05, 0],
    ];
    for (const filterBy of LABEL_ISSUE_FILTERS) {
      expect(findLabelIssues(labels, probs, { filterBy }).mask, filterBy).toEqual([
        false,
        false,
        false,
        true,
      ]);
    }
    // Absent classes get threshold 2 (no probability reaches it).
    expect(confidentThresholds(labels, probs)).toEqual([(0.9 + 0.8) / 2, 2, (0.9 + 0.05) / 2, 2]);
  });

  it('test_removing_class_consistent_results: calibrated joint with and without class 1', () => {
    const labels = [0, 0, 0, 0, 1, 2, 2, 2];
    const probs = [
      [0.9, 0.1, 0],
      [0.8, 0.1, 0.1],
      [0.1, 0, 0.9],
      [0.9, 0, 0.1],
      [0.1, 0.3, 0.6],
      [0.1, 0, 0.9],
      [0.1, 0, 0.9],
      [0.1, 0, 0.9],
    ];
    expect(findLabelIssues(labels, probs).confidentJoint).toEqual([
      [3, 0, 1],
      [0, 1, 0],
      [0, 0, 3],
    ]);
    const withoutClass1 = labels.map((l) => (l === 1 ? 2 : l));
    expect(findLabelIssues(withoutClass1, probs).confidentJoint).toEqual([
      [3, 0, 1],
      [0, 0, 0],
      [0, 0, 4],
    ]);
  });

  it('test_predicted_neq_given_filter', () => {
    const probs = [
      [0.9, 0.1, 0],
      [0.6, 0.2, 0.2],
      [0.3, 0.3, 0.4],
      [0.1, 0.1, 0.8],
      [0.4, 0.5, 0.1],
    ];
    expect(findPredictedNeqGiven([0, 0, 1, 1, 2], probs)).toEqual([false, false, true, true, true]);
    const probs2 = [
      [0.9, 0.1, 0],
      [0.6, 0.2, 0.2],
      [0.1, 0, 0.9],
      ...Array.from({ length: 6 }, () => [0.1, 0.8, 0.1]),
      [0.1, 0.1, 0.8],
    ];
    const labels2 = [0, 0, 1, 1, 1, 1, 1, 1, 1, 2];
    const expected = [false, false, true, false, false, false, false, false, false, false];
    expect(findPredictedNeqGiven(labels2, probs2)).toEqual(expected);
    expect(findLabelIssues(labels2, probs2, { filterBy: 'predicted_neq_given' }).mask).toEqual(expected);
    expect(findLabelIssues(labels2, probs2, { filterBy: 'confident_learning' }).mask).toEqual(expected);
  });

  describe('test_issue_158', () => {
    const labels = ISSUE_158_LABELS;
    const probs = ISSUE_158_PRED_PROBS;

    it('thresholds and confident joints', () => {
      const thresholds = confidentThresholds(labels, probs);
      [0.312823, 0.116849, 0.295348, 0.252064].forEach((t, k) => {
        expect(thresholds[k]).toBeCloseTo(t, 6);
      });
      const raw = computeConfidentJoint(labels, probs).confidentJoint;
      expect(raw).toEqual([
        [3, 0, 3, 0],
        [2, 1, 1, 0],
        [3, 0, 3, 0],
        [1, 0, 4, 1],
      ]);
      for (let k = 0; k < 4; k += 1) expect(raw[k]?.[k]).not.toBe(0);
      expect(calibrateConfidentJoint(raw, labels)).toEqual([
        [3, 0, 3, 0],
        [1, 1, 1, 0],
        [3, 0, 3, 0],
        [1, 0, 3, 1],
      ]);
    });

    it('every filter', () => {
      const issues = (filterBy: (typeof LABEL_ISSUE_FILTERS)[number]) =>
        findLabelIssues(labels, probs, { filterBy }).issues;
      expect(issues('prune_by_noise_rate')).toEqual([1, 3, 4, 5, 6, 7, 11, 12, 14, 17, 19]);
      expect(issues('prune_by_class')).toEqual([1, 2, 3, 4, 5, 6, 7, 12, 14, 17, 18, 19]);
      expect(issues('both')).toEqual([1, 3, 4, 5, 6, 7, 12, 14, 17, 19]);
      const all = [0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 14, 17, 18, 19];
      expect(issues('confident_learning')).toEqual(all);
      expect(issues('predicted_neq_given')).toEqual(all);
    });

    it('ranking by self_confidence and num_label_issues', () => {
      const { mask } = findLabelIssues(labels, probs);
      expect(orderLabelIssues(mask, labels, probs, 'self_confidence')).toEqual([
        17, 4, 5, 11, 19, 12, 1, 7, 3, 14, 6,
      ]);
      expect(numLabelIssues(labels, probs)).toBe(14);
      expect(findLabelIssues(labels, probs, { filterBy: 'low_self_confidence' }).issues).toHaveLength(14);
    });
  });

  it('rejects what cleanlab rejects', () => {
    expect(() =>
      findLabelIssues(
        [1, 1],
        [
          [0.3, 0.7],
          [0.2, 0.8],
        ],
      ),
    ).toThrow(/at least 2 classes/);
    expect(() =>
      findLabelIssues(
        [0, 3],
        [
          [0.3, 0.7],
          [0.2, 0.8],
        ],
      ),
    ).toThrow(MetricsInputError);
    expect(() => findLabelIssues([0, 1], [[0.3, 0.7]])).toThrow(/same|entries/);
  });
});

const labelledProbs = fc
  .record({ n: fc.integer({ min: 2, max: 40 }), k: fc.integer({ min: 2, max: 5 }) })
  .chain(({ n, k }) =>
    fc.record({
      labels: fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: n, maxLength: n }),
      probs: fc.array(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: k, maxLength: k }).map((w) => {
          const total = w.reduce((a, b) => a + b, 0) || 1;
          return w.every((x) => x === 0) ? w.map(() => 1 / k) : w.map((x) => x / total);
        }),
        { minLength: n, maxLength: n },
      ),
    }),
  )
  .filter(({ labels }) => new Set(labels).size >= 2);

describe('cleanlab find_label_issues: properties', () => {
  it('issues are sorted unique in-range indices, consistent with the mask, for every filter', () => {
    fc.assert(
      fc.property(labelledProbs, ({ labels, probs }) => {
        for (const filterBy of LABEL_ISSUE_FILTERS) {
          const { issues, mask } = findLabelIssues(labels, probs, { filterBy });
          issues.forEach((v, i) => {
            expect(Number.isInteger(v) && v >= 0 && v < labels.length).toBe(true);
            if (i > 0) expect(v).toBeGreaterThan(issues[i - 1] as number);
          });
          expect(issues).toEqual(mask.flatMap((m, i) => (m ? [i] : [])));
        }
      }),
    );
  });

  it('calibrated confident joint: rows sum to n_k, total N; both = noise-rate ∩ class', () => {
    fc.assert(
      fc.property(labelledProbs, ({ labels, probs }) => {
        const { confidentJoint } = findLabelIssues(labels, probs);
        const counts = countLabelsPerClass(labels, probs[0]?.length ?? 0);
        confidentJoint.forEach((row, k) => {
          for (const v of row) expect(Number.isInteger(v) && v >= 0).toBe(true);
          expect(row.reduce((a, b) => a + b, 0)).toBe(counts[k]);
        });
        expect(confidentJoint.flat().reduce((a, b) => a + b, 0)).toBe(labels.length);
        const byNoise = new Set(findLabelIssues(labels, probs, { filterBy: 'prune_by_noise_rate' }).issues);
        const byClass = new Set(findLabelIssues(labels, probs, { filterBy: 'prune_by_class' }).issues);
        const both = findLabelIssues(labels, probs, { filterBy: 'both' }).issues;
        expect(both).toEqual([...byNoise].filter((i) => byClass.has(i)).sort((a, b) => a - b));
      }),
    );
  });

  it('never flags an example whose prediction (with the 1e-6 nudge) is its given label', () => {
    fc.assert(
      fc.property(labelledProbs, ({ labels, probs }) => {
        for (const i of findLabelIssues(labels, probs, { filterBy: 'confident_learning' }).issues) {
          const row = probs[i] as number[];
          const given = labels[i] as number;
          const nudged = (row[given] as number) + 1e-6;
          expect(row.some((p, k) => k !== given && (p > nudged || (p === nudged && k < given)))).toBe(true);
        }
      }),
    );
  });
});
