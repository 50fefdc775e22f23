import { MetricsInputError } from './metrics-input-error';
/**
 * Text shingling for SimHash and MinHash (quality-math.md §12 asks the shingling to be documented).
 *
 * Normalisation: Unicode NFKC, then lower case (`toLowerCase`, locale-independent).
 * - `unit: 'word'` (default, size 3): tokens are maximal runs of letters/digits (`[\p{L}\p{N}]+`); a
 *   shingle is `size` consecutive tokens joined by one space. A text with fewer than `size` tokens (but at
 *   least one) yields one shingle of all its tokens.
 * - `unit: 'char'` (size 4): whitespace runs collapse to one space and the ends are trimmed; a shingle is
 *   `size` consecutive code points; a shorter non-empty text yields itself.
 * An empty (or token-less) text yields no shingles. Duplicates are kept, in text order (SimHash counts them
 * as weight; MinHash ignores repeats).
 */
export interface ShingleOptions {
  readonly unit?: 'word' | 'char';
  readonly size?: number;
}

function windows(items: readonly string[], size: number, joiner: string): string[] {
  if (items.length === 0) return [];
  if (items.length <= size) return [items.join(joiner)];
  const out: string[] = [];
  for (let i = 0; i + size <= items.length; i += 1) out.push(items.slice(i, i + size).join(joiner));
  return out;
}

/** The shingles of `text` (see the module comment for the exact rules). */
export function shingles(text: string, options: ShingleOptions = {}): string[] {
  const unit = options.unit ?? 'word';
  const size = options.size ?? (unit === 'word' ? 3 : 4);
  if (!Number.isInteger(size) || size < 1) throw new MetricsInputError('shingle size must be an integer ≥ 1');
  const normalised = text.normalize('NFKC').toLowerCase();
  if (unit === 'word') return windows(normalised.match(/[\p{L}\p{N}]+/gu) ?? [], size, ' ');
  return windows(Array.from(normalised.replace(/\s+/gu, ' ').trim()), size, '');
}
