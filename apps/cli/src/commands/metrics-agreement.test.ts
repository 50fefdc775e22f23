import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RatingLine } from '../io/label-lines';
import { computeAgreement } from './metrics-agreement';

function ratings(rows: readonly [string, string, string | number][]): RatingLine[] {
  return rows.map(([item, annotator, label], i) => ({ item, annotator, label, line: i + 1 }));
}

/** Two raters (§1 hand example): unweighted 1/2, linear 16/31, quadratic 8/15. */
const r1 = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 0, 1];
const r2 = [0, 1, 0, 1, 2, 1, 2, 1, 2, 0, 0, 1];
const twoRaters = ratings(
  r1.flatMap((a, i) => [
    [`i${i}`, 'B', a],
    [`i${i}`, 'A', r2[i]!],
  ]),
);

const toy = ratings(
  `t1 w1 no;t1 w2 yes;t1 w4 yes;t1 w5 no;t2 w1 yes;t2 w2 yes;t2 w3 yes;t2 w4 no;t2 w5 no;t3 w1 yes;t3 w2 no;t3 w3 no;t3 w4 yes;t3 w5 no;t4 w1 yes;t4 w2 yes;t4 w3 yes;t4 w4 yes;t4 w5 yes;t5 w1 yes;t5 w2 no;t5 w3 no;t5 w4 no;t5 w5 no`
    .split(';')
    .map((s) => s.split(' ') as [string, string, string]),
);

describe('metrics agreement (in process)', () => {
  it("computes Cohen's kappa with weights", () => {
    expect(computeAgreement('f', twoRaters, { metric: 'cohen-kappa' }).value).toBeCloseTo(0.5, 12);
    const linear = computeAgreement('f', twoRaters, { metric: 'cohen-kappa', weights: 'linear' });
    expect(linear.value).toBeCloseTo(16 / 31, 12);
    expect(linear).toMatchObject({ annotators: ['A', 'B'], items: 12, weights: 'linear' });
    const quadratic = computeAgreement('f', twoRaters, { metric: 'cohen-kappa', weights: 'quadratic' });
    expect(quadratic.value).toBeCloseTo(8 / 15, 12);
  });

  it('uses --categories positions, unused categories included', () => {
    const spread = computeAgreement('f', twoRaters, {
      metric: 'cohen-kappa',
      weights: 'linear',
      categories: '0,1,2',
    });
    expect(spread.value).toBeCloseTo(16 / 31, 12);
    expect(() => computeAgreement('f', twoRaters, { metric: 'cohen-kappa', categories: '0,1' })).toThrow(
      /label 2 is not in --categories/,
    );
  });

  it('writes null plus a note for an undefined kappa', () => {
    const same = ratings([
      ['a', 'x', 'cat'],
      ['a', 'y', 'cat'],
    ]);
    const out = computeAgreement('f', same, { metric: 'cohen-kappa' });
    expect(out.value).toBeNull();
    expect(out.note).toMatch(/undefined/);
    expect(JSON.parse(JSON.stringify(out)).value).toBeNull();
  });

  it('rejects bad Cohen input', () => {
    expect(() => computeAgreement('f', toy, { metric: 'cohen-kappa' })).toThrow(
      /exactly 2 annotators; found 5/,
    );
    const lonely = ratings([
      ['a', 'x', 1],
      ['a', 'y', 1],
      ['b', 'x', 2],
    ]);
    expect(() => computeAgreement('f', lonely, { metric: 'cohen-kappa' })).toThrow(
      /item "b" is rated by only one/,
    );
    expect(() => computeAgreement('f', [], { metric: 'cohen-kappa' })).toThrow(/no labels/);
  });

  it("computes Fleiss' kappa and refuses unequal ratings per item", () => {
    const equal = toy.filter((r) => r.item !== 't1');
    const out = computeAgreement('f', equal, { metric: 'fleiss-kappa' });
    expect(out).toMatchObject({
      metric: 'fleiss-kappa',
      items: 4,
      ratersPerItem: 5,
      categories: ['no', 'yes'],
    });
    expect(typeof out.value).toBe('number');
    expect(() => computeAgreement('f', toy, { metric: 'fleiss-kappa' })).toThrow(/same number of ratings/);
  });

  it("computes Krippendorff's alpha with missing ratings", () => {
    const out = computeAgreement('f', toy, { metric: 'krippendorff-alpha' });
    expect(out.value).toBeCloseTo(0.14219114219114215, 12);
    expect(out).toMatchObject({ level: 'nominal', pairableUnits: 5, pairableValues: 24, annotators: 5 });
    const numeric = computeAgreement('f', twoRaters, { metric: 'krippendorff-alpha', level: 'interval' });
    expect(typeof numeric.value).toBe('number');
    expect(() => computeAgreement('f', toy, { metric: 'krippendorff-alpha', level: 'ratio' })).toThrow(
      /numeric/,
    );
    const single = ratings([
      ['a', 'x', 1],
      ['b', 'y', 2],
    ]);
    expect(() => computeAgreement('f', single, { metric: 'krippendorff-alpha' })).toThrow(
      /two or more values/,
    );
  });
});

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const bin = join(root, 'apps/cli/bin/tessera.js');
const dir = mkdtempSync(join(tmpdir(), 'tessera-agreement-'));

function writeLines(name: string, rows: readonly unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n'));
  return path;
}

function tessera(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('tessera metrics agreement (subprocess)', () => {
  const input = writeLines(
    'two.jsonl',
    twoRaters.map(({ item, annotator, label }) => ({ item, annotator, label })),
  );

  it('prints one JSON object and exits 0', () => {
    const run = tessera(
      'metrics',
      'agreement',
      '--input',
      input,
      '--metric',
      'cohen-kappa',
      '--weights',
      'quadratic',
    );
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(run.stdout);
    expect(out.metric).toBe('cohen-kappa');
    expect(out.value).toBeCloseTo(8 / 15, 12);
  });

  it('exits 2 with one stderr line on bad input', () => {
    const fleiss = tessera(
      'metrics',
      'agreement',
      '--input',
      input,
      '--metric',
      'fleiss-kappa',
      '--categories',
      '0,1',
    );
    expect(fleiss.code).toBe(2);
    expect(fleiss.stdout).toBe('');
    expect(fleiss.stderr.trim().split('\n')).toEqual(['tessera: label 2 is not in --categories']);
    const broken = writeLines('broken.jsonl', ['{"item":"a","annotator":"x","label":1}', '{"item":"a",']);
    const malformed = tessera('metrics', 'agreement', '--input', broken, '--metric', 'krippendorff-alpha');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr.trim().split('\n')).toHaveLength(1);
    expect(malformed.stderr).toMatch(/broken\.jsonl:2: malformed JSON/);
    expect(malformed.stderr).not.toMatch(/\bat \S+:\d+/);
  });

  it('exits 2 on an unknown metric', () => {
    const run = tessera('metrics', 'agreement', '--input', input, '--metric', 'bogus');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
