import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliInputError } from '../cli-error';
import { computeLabelIssues } from './quality-label-issues';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const bin = join(root, 'apps/cli/bin/tessera.js');
const dir = mkdtempSync(join(tmpdir(), 'tessera-label-issues-'));

function writeFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function tessera(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

// cleanlab tests/test_filter_count.py::test_issue_158 (pred_probs and labels copied from the test).
const PRED_PROBS = [
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
const LABELS = [3, 3, 1, 3, 0, 2, 2, 2, 0, 2, 2, 1, 0, 0, 0, 0, 2, 1, 3, 3];
const CALIBRATED = [
  [3, 0, 3, 0],
  [1, 1, 1, 0],
  [3, 0, 3, 0],
  [1, 0, 3, 1],
];

describe('quality label-issues (in process)', () => {
  it('returns sorted issues, thresholds and the calibrated confident joint', () => {
    const out = computeLabelIssues(LABELS, PRED_PROBS, 'prune_by_noise_rate');
    expect(out.issues).toEqual([1, 3, 4, 5, 6, 7, 11, 12, 14, 17, 19]);
    expect(out.confidentJoint).toEqual(CALIBRATED);
    [0.312823, 0.116849, 0.295348, 0.252064].forEach((t, k) => {
      expect(out.thresholds[k]).toBeCloseTo(t, 6);
    });
    expect(computeLabelIssues(LABELS, PRED_PROBS, 'both').issues).toEqual([1, 3, 4, 5, 6, 7, 12, 14, 17, 19]);
  });

  it.each([
    [
      'rows not summing to 1',
      [0, 1],
      [
        [0.5, 0.4],
        [0.2, 0.8],
      ],
      /sums to/,
    ],
    [
      'a row within ±1e-3 is fine but not beyond',
      [0, 1],
      [
        [0.5, 0.5011],
        [0.2, 0.8],
      ],
      /sums to/,
    ],
    [
      'length mismatch',
      [0, 1, 1],
      [
        [0.5, 0.5],
        [0.2, 0.8],
      ],
      /3 entries but pred_probs has 2 rows/,
    ],
    [
      'a non-integer label',
      [0, 1.5],
      [
        [0.5, 0.5],
        [0.2, 0.8],
      ],
      /labels\[1\] is not an integer/,
    ],
    [
      'a string label',
      [0, '1'],
      [
        [0.5, 0.5],
        [0.2, 0.8],
      ],
      /labels\[1\] is not an integer/,
    ],
    [
      'an out-of-range label',
      [0, 2],
      [
        [0.5, 0.5],
        [0.2, 0.8],
      ],
      /outside 0\.\.1/,
    ],
    [
      'a negative label',
      [-1, 1],
      [
        [0.5, 0.5],
        [0.2, 0.8],
      ],
      /outside 0\.\.1/,
    ],
    ['empty labels', [], [[0.5, 0.5]], /non-empty/],
    ['empty pred_probs', [0], [], /non-empty/],
    ['ragged rows', [0, 1], [[0.5, 0.5], [1]], /array of 2 numbers/],
    [
      'a probability above 1',
      [0, 1],
      [
        [1.5, -0.5],
        [0.2, 0.8],
      ],
      /outside \[0, 1\]/,
    ],
    [
      'a single class',
      [1, 1],
      [
        [0.5, 0.5],
        [0.2, 0.8],
      ],
      /at least 2 classes/,
    ],
    ['not arrays', { a: 1 }, [[0.5, 0.5]], /non-empty array/],
  ])('%s is a CliInputError', (_name, labels, probs, message) => {
    expect(() => computeLabelIssues(labels, probs, 'prune_by_noise_rate')).toThrow(CliInputError);
    expect(() => computeLabelIssues(labels, probs, 'prune_by_noise_rate')).toThrow(message);
  });

  it('accepts row sums within ±1e-3', () => {
    expect(() =>
      computeLabelIssues(
        [0, 1],
        [
          [0.5, 0.5009],
          [0.2, 0.8],
        ],
        'both',
      ),
    ).not.toThrow();
  });
});

describe('tessera quality label-issues (subprocess)', () => {
  const labels = writeFile('labels.json', LABELS);
  const probs = writeFile('probs.json', PRED_PROBS);

  it('exits 0 and prints issues, thresholds and confidentJoint', () => {
    const run = tessera(
      'quality',
      'label-issues',
      '--labels',
      labels,
      '--pred-probs',
      probs,
      '--filter',
      'confident_learning',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(['issues', 'thresholds', 'confidentJoint']);
    expect(out.issues).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 14, 17, 18, 19]);
    expect(out.confidentJoint).toEqual(CALIBRATED);
  });

  it('exits 2 with one line on stderr for malformed JSON, bad rows and unknown filters', () => {
    const malformed = writeFile('bad.json', '[0, 1,');
    for (const args of [
      ['--labels', malformed, '--pred-probs', probs],
      ['--labels', labels, '--pred-probs', writeFile('short.json', PRED_PROBS.slice(1))],
      ['--labels', writeFile('empty.json', []), '--pred-probs', writeFile('empty-probs.json', [])],
      ['--labels', labels, '--pred-probs', probs, '--filter', 'low_self_confidence'],
    ]) {
      const run = tessera('quality', 'label-issues', ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
