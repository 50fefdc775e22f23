import { type Cuboid, cuboidIou3d } from '@tessera/geometry';
import type { Command } from 'commander';
import { CliInputError } from '../cli-error';
import { runJsonCommand } from '../io/output';
import { readJsonl } from '../io/read-jsonl';
import { commandGroup } from './index';

const FIELDS = ['x', 'y', 'z', 'l', 'w', 'h', 'yaw'] as const;
const SIZES = new Set<string>(['l', 'w', 'h']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates one cuboid of a line: 7 finite numbers, sizes ≥ 0 (0 is allowed and gives IoU 0). */
function parseCuboid(value: unknown, where: string, name: string): Cuboid {
  if (!isRecord(value)) throw new CliInputError(`${where}: "${name}" must be an object {x,y,z,l,w,h,yaw}`);
  const num = (field: (typeof FIELDS)[number]): number => {
    const v = value[field];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new CliInputError(`${where}: "${name}.${field}" must be a finite number`);
    }
    if (SIZES.has(field) && v < 0)
      throw new CliInputError(`${where}: "${name}.${field}" must be ≥ 0, got ${v}`);
    return v;
  };
  return { x: num('x'), y: num('y'), z: num('z'), l: num('l'), w: num('w'), h: num('h'), yaw: num('yaw') };
}

/** Validates one JSONL line `{"a": cuboid, "b": cuboid}`; `where` is `path:line` for the error message. */
export function parseCuboidPair(value: unknown, where: string): [Cuboid, Cuboid] {
  if (!isRecord(value)) throw new CliInputError(`${where}: expected an object {"a": {...}, "b": {...}}`);
  return [parseCuboid(value.a, where, 'a'), parseCuboid(value.b, where, 'b')];
}

/**
 * `tessera geometry iou3d --input PAIRS.jsonl` → `{"iou": [...]}`: the 3D IoU (quality-math.md §9, IR frame:
 * geometric centre, z up, yaw CCW radians, l along the heading) of each line's pair, in line order (blank
 * lines skipped). Any bad line is exit 2 with its line number.
 */
export async function computeIou3dFile(path: string): Promise<{ iou: number[] }> {
  const iou: number[] = [];
  for await (const { line, value } of readJsonl(path)) {
    const [a, b] = parseCuboidPair(value, `${path}:${line}`);
    iou.push(cuboidIou3d(a, b));
  }
  return { iou };
}

/** Registers `tessera geometry iou3d`. */
export function registerGeometryIou3d(program: Command): void {
  commandGroup(program, 'geometry', 'Geometry utilities (IoU of boxes, polygons, masks, cuboids)')
    .command('iou3d')
    .description('3D IoU of cuboid pairs: JSONL lines {"a": {x,y,z,l,w,h,yaw}, "b": {...}} → {"iou": [...]}')
    .requiredOption('--input <file>', 'JSONL file of cuboid pairs')
    .action((opts: { input: string }) => runJsonCommand(() => computeIou3dFile(opts.input)));
}
