import { type ImageHashAlgorithm, imageHash, imageHashInputSize } from '@tessera/metrics';
import { type Command, Option } from 'commander';
import { CliInputError } from '../cli-error';
import { loadGreyImage } from '../io/load-grey';
import { runJsonCommand } from '../io/output';
import { commandGroup } from './index';

/** Algorithms exposed on the command line (imagehash `average_hash`, `dhash`, `phash`). */
export const HASH_IMAGE_ALGORITHMS = [
  'ahash',
  'dhash',
  'phash',
] as const satisfies readonly ImageHashAlgorithm[];

/** Largest accepted `--size` (a pHash then works on a 256 × 256 image); imagehash itself has no cap. */
export const MAX_HASH_SIZE = 64;

/** Parses `--size`: an integer 2..MAX_HASH_SIZE (imagehash rejects sizes below 2). */
export function parseHashSize(text: string): number {
  const size = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(size) || size < 2 || size > MAX_HASH_SIZE) {
    throw new CliInputError(
      `--size must be an integer from 2 to ${MAX_HASH_SIZE}, got ${JSON.stringify(text)}`,
    );
  }
  return size;
}

/**
 * `tessera hash image FILE --algorithm ahash|dhash|phash [--size 8]` → `{"hash": hex}`, as imagehash 4.3
 * (quality-math.md §11): Pillow-style `convert('L')`, Lanczos resize to the working size (skipped when the
 * image already has it), then the pure hash from `@tessera/metrics`.
 */
export async function hashImageFile(path: string, algorithm: ImageHashAlgorithm, hashSize: number) {
  const { width, height } = imageHashInputSize(algorithm, hashSize);
  const grey = await loadGreyImage(path, width, height);
  return { hash: imageHash(grey, algorithm, hashSize) };
}

/** Registers `tessera hash image`. */
export function registerHashImage(program: Command): void {
  commandGroup(program, 'hash', 'Perceptual and similarity hashes')
    .command('image')
    .description('Perceptual hash of an image file, as Python imagehash 4.3 (hex, row-major, MSB first)')
    .argument('<file>', 'image file (PNG, JPEG, WebP, GIF, TIFF, ...)')
    .addOption(
      new Option('--algorithm <name>', 'hash algorithm')
        .choices([...HASH_IMAGE_ALGORITHMS])
        .makeOptionMandatory(),
    )
    .option('--size <n>', 'hash size: the hash has size × size bits', '8')
    .action((file: string, opts: { algorithm: ImageHashAlgorithm; size: string }) =>
      runJsonCommand(async () => hashImageFile(file, opts.algorithm, parseHashSize(opts.size))),
    );
}
