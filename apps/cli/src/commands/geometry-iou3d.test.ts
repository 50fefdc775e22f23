import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CliInputError } from '../cli-error';
import { computeIou3dFile, parseCuboidPair } from './geometry-iou3d';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const bin = join(root, 'apps/cli/bin/tessera.js');
const dir = mkdtempSync(join(tmpdir(), 'tessera-geometry-iou3d-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeText(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function tessera(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const cube = (x: number, y: number, z: number, size = 1) => ({ x, y, z, l: size, w: size, h: size, yaw: 0 });
// quality-math.md §9: identical → 1; offset 0.5 in x → 1/3; (0,0,0,2,2,2) vs (1,1,1,2,2,2) → 1/15 (far away).
const pairs = [
  { a: cube(0, 0, 0), b: cube(0, 0, 0) },
  { a: cube(0, 0, 0), b: cube(0.5, 0, 0) },
  { a: cube(1e6, 1e6, 0, 2), b: cube(1e6 + 1, 1e6 + 1, 1, 2) },
];
const goodPath = writeText('pairs.jsonl', `${pairs.map((p) => JSON.stringify(p)).join('\n')}\n\n`);

describe('geometry iou3d (in process)', () => {
  it('computes one IoU per line, skipping blank lines', async () => {
    const { iou } = await computeIou3dFile(goodPath);
    expect(iou).toHaveLength(3);
    expect(iou[0]).toBe(1);
    expect(iou[1]).toBeCloseTo(1 / 3, 12);
    expect(iou[2]).toBeCloseTo(1 / 15, 12);
  });

  it('rejects missing, non-finite and negative fields with the line number', () => {
    const ok = cube(0, 0, 0);
    expect(() => parseCuboidPair({ a: ok }, 'f:3')).toThrow(/^f:3: "b" must be an object/);
    expect(() => parseCuboidPair({ a: ok, b: { ...ok, yaw: '0' } }, 'f:4')).toThrow(
      /"b\.yaw" must be a finite/,
    );
    expect(() => parseCuboidPair({ a: { ...ok, w: -1 }, b: ok }, 'f:5')).toThrow(/"a\.w" must be ≥ 0/);
    expect(() => parseCuboidPair([ok, ok], 'f:6')).toThrow(CliInputError);
    const huge = JSON.parse('{"a": {"x": 1e999, "y": 0, "z": 0, "l": 1, "w": 1, "h": 1, "yaw": 0}, "b": {}}');
    expect(() => parseCuboidPair(huge, 'f:7')).toThrow('f:7: "a.x" must be a finite number');
  });
});

describe('tessera geometry iou3d (subprocess)', () => {
  it('prints {"iou": [...]} and exits 0', () => {
    const run = tessera('geometry', 'iou3d', '--input', goodPath);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { iou: number[] };
    expect(out.iou[0]).toBe(1);
    expect(out.iou[1]).toBeCloseTo(1 / 3, 12);
    expect(out.iou[2]).toBeCloseTo(1 / 15, 12);
  });

  it('exits 2 with one stderr line naming the bad line', () => {
    const badSize = writeText(
      'bad-size.jsonl',
      `${JSON.stringify(pairs[0])}\n${JSON.stringify({ a: cube(0, 0, 0), b: { ...cube(0, 0, 0), h: -2 } })}\n`,
    );
    const run = tessera('geometry', 'iou3d', '--input', badSize);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([`tessera: ${badSize}:2: "b.h" must be ≥ 0, got -2`]);

    const malformed = writeText('malformed.jsonl', `${JSON.stringify(pairs[0])}\n{"a": \n`);
    const run2 = tessera('geometry', 'iou3d', '--input', malformed);
    expect(run2.code).toBe(2);
    expect(run2.stderr).toBe(`tessera: ${malformed}:2: malformed JSON\n`);
  });
});
