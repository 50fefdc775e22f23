import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RatingLine } from '../io/label-lines';
import { computeAggregation } from './metrics-aggregate';

const toy: RatingLine[] =
  `t1 w1 no;t1 w2 yes;t1 w4 yes;t1 w5 no;t2 w1 yes;t2 w2 yes;t2 w3 yes;t2 w4 no;t2 w5 no;t3 w1 yes;t3 w2 no;t3 w3 no;t3 w4 yes;t3 w5 no;t4 w1 yes;t4 w2 yes;t4 w3 yes;t4 w4 yes;t4 w5 yes;t5 w1 yes;t5 w2 no;t5 w3 no;t5 w4 no;t5 w5 no`
    .split(';')
    .map((s, i) => {
      const [item, annotator, label] = s.split(' ') as [string, string, string];
      return { item, annotator, label, line: i + 1 };
    });

describe('metrics aggregate (in process)', () => {
  it('majority vote: labels, vote fractions and annotator accuracy', () => {
    const out = computeAggregation('f', toy, { method: 'majority-vote' });
    expect(out.labels).toEqual({ t1: 'no', t2: 'yes', t3: 'no', t4: 'yes', t5: 'no' });
    expect((out.posteriors as Record<string, unknown>).t2).toEqual({ no: 0.4, yes: 0.6 });
    expect((out.annotators as Record<string, unknown>).w3).toEqual({ accuracy: 1 });
  });

  it('Dawid-Skene: labels, confusion per annotator, priors and iterations', () => {
    const out = computeAggregation('f', toy, { method: 'dawid-skene' });
    expect(out.labels).toEqual({ t1: 'yes', t2: 'yes', t3: 'no', t4: 'yes', t5: 'no' });
    expect(out.iterations).toBe(6);
    const w4 = (out.annotators as Record<string, { confusion: Record<string, Record<string, number>> }>).w4!;
    expect(w4.confusion.no!.no).toBeCloseTo(0.5, 9);
    expect(w4.confusion.yes!.yes).toBeCloseTo(2 / 3, 9);
    expect((out.priors as Record<string, number>).yes).toBeCloseTo(0.6, 9);
  });

  it('keeps numeric label types in labels and respects --n-iter', () => {
    const numeric = toy.map((r) => ({ ...r, label: r.label === 'yes' ? 1 : 0 }));
    const out = computeAggregation('f', numeric, { method: 'one-coin-dawid-skene', nIter: 0 });
    expect(out.labels).toEqual({ t1: 0, t2: 1, t3: 0, t4: 1, t5: 0 });
    expect(out.iterations).toBe(0);
  });

  it('rejects duplicate answers and ambiguous labels', () => {
    expect(() =>
      computeAggregation('f', [...toy, { ...toy[0]!, line: 99 }], { method: 'majority-vote' }),
    ).toThrow(/f:99: annotator "w1" already labeled item "t1"/);
    const mixed = [
      { item: 'a', annotator: 'x', label: 1, line: 1 },
      { item: 'a', annotator: 'y', label: '1', line: 2 },
    ];
    expect(() => computeAggregation('f', mixed, { method: 'majority-vote' })).toThrow(/differ only in type/);
  });
});

describe('tessera metrics aggregate (subprocess)', () => {
  it('prints the aggregation as one JSON object', () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
    const path = join(mkdtempSync(join(tmpdir(), 'tessera-aggregate-')), 'toy.jsonl');
    writeFileSync(
      path,
      toy.map(({ item, annotator, label }) => JSON.stringify({ item, annotator, label })).join('\n'),
    );
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'apps/cli/bin/tessera.js'),
        'metrics',
        'aggregate',
        '--input',
        path,
        '--method',
        'dawid-skene',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).labels).toEqual({ t1: 'yes', t2: 'yes', t3: 'no', t4: 'yes', t5: 'no' });
  });
});
