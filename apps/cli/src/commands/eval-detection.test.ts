import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { computeDetectionEval } from './eval-detection';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const bin = join(root, 'apps/cli/bin/tessera.js');
const dir = mkdtempSync(join(tmpdir(), 'tessera-eval-detection-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeJson(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

function tessera(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const B = [10, 20, 5, 5];
/** quality-math §6 case A: two images with GT B, one detection B (.9) on image 1. */
const dataset = {
  images: [{ id: 1 }, { id: 2 }],
  categories: [
    { id: 1, name: 'thing' },
    { id: 7, name: 'unused' },
  ],
  annotations: [
    { id: 1, image_id: 1, category_id: 1, bbox: B, area: 25, iscrowd: 0 },
    { id: 2, image_id: 2, category_id: 1, bbox: B, area: 25, iscrowd: 0 },
  ],
};
const results = [{ image_id: 1, category_id: 1, bbox: B, score: 0.9 }];
const gtPath = writeJson('gt.json', dataset);
const predPath = writeJson('pred.json', results);

describe('eval detection (in process)', () => {
  it('evaluates COCO files (case A)', async () => {
    const out = await computeDetectionEval(gtPath, predPath);
    expect(out.AP).toBeCloseTo(51 / 101, 12);
    expect(out.AR100).toBe(0.5);
    expect(out.APm).toBe(-1);
    expect(out.perClass).toEqual({ 1: expect.closeTo(51 / 101, 12), 7: -1 });
  });

  it('names the file and the JSON path of the first problem', async () => {
    const bad = {
      ...dataset,
      annotations: [dataset.annotations[0], { ...dataset.annotations[1], bbox: [1, 2, 3] }],
    };
    const badGt = writeJson('bad-gt.json', bad);
    await expect(computeDetectionEval(badGt, predPath)).rejects.toThrow(
      `${badGt}: annotations[1].bbox: expected [x, y, width, height]: 4 finite numbers`,
    );
    const noArea = writeJson('no-area.json', {
      ...dataset,
      annotations: [{ ...dataset.annotations[0], area: undefined }],
    });
    await expect(computeDetectionEval(noArea, predPath)).rejects.toThrow(
      'annotations[0].area: expected a finite number',
    );
    const unknown = writeJson('unknown.json', [{ image_id: 3, category_id: 1, bbox: B, score: 0.5 }]);
    await expect(computeDetectionEval(gtPath, unknown)).rejects.toThrow(
      `${unknown}: [0].image_id: image 3 is not in the ground truth`,
    );
    const score = writeJson('score.json', [
      ...results,
      { image_id: 1, category_id: 1, bbox: B, score: '0.5' },
    ]);
    await expect(computeDetectionEval(gtPath, score)).rejects.toThrow('[1].score: expected a finite number');
  });
});

describe('tessera eval detection (subprocess)', () => {
  it('prints one JSON object with the 12 stats and perClass, exit 0', () => {
    const run = tessera('eval', 'detection', '--gt', gtPath, '--pred', predPath);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual([
      'AP',
      'AP50',
      'AP75',
      'APs',
      'APm',
      'APl',
      'AR1',
      'AR10',
      'AR100',
      'ARs',
      'ARm',
      'ARl',
      'perClass',
    ]);
    expect(out.AP).toBeCloseTo(0.50495, 5);
  });

  it('accepts an empty results list (AP 0 for categories with ground truth)', () => {
    const run = tessera('eval', 'detection', '--gt', gtPath, '--pred', writeJson('empty.json', []));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ AP: 0, AR100: 0, APl: -1, perClass: { 1: 0, 7: -1 } });
  });

  it.each([
    ['malformed JSON', () => writeJson('broken.json', '{"images": ['), 'gt', /broken\.json: malformed JSON$/],
    [
      'a wrong shape',
      () => writeJson('shape.json', { ...dataset, images: {} }),
      'gt',
      /shape\.json: images: expected an array$/,
    ],
    [
      'a detection on an unknown image',
      () => writeJson('ghost.json', [{ image_id: 99, category_id: 1, bbox: B, score: 1 }]),
      'pred',
      /ghost\.json: \[0\]\.image_id: image 99 is not in the ground truth$/,
    ],
    ['a missing file', () => join(dir, 'nope.json'), 'pred', /cannot read .*nope\.json/],
  ])('exits 2 with one stderr line on %s', (_name, make, which, message) => {
    const path = make();
    const args = which === 'gt' ? ['--gt', path, '--pred', predPath] : ['--gt', gtPath, '--pred', path];
    const run = tessera('eval', 'detection', ...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^tessera: /);
    expect(lines[0]).toMatch(message);
  });
});
