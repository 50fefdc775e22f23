/**
 * Stable ranking by descending score: numpy's `argsort(-score, kind='mergesort')` over index ranges, as pycocotools
 * ranks detections. Small ranges use insertion sort; large ones a least-significant-digit radix sort on the
 * float64 bit patterns (8 byte passes, each stable), which is several times faster than a comparator sort.
 */

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const INSERTION_MAX = 48;
const RADIX_MIN = 512;

/**
 * Sorts `idx[from..to)` in place by descending `score[idx]`; equal scores (−0 equals 0) keep their current order.
 * Callers pass ranges already in the tie order they need (e.g. input order).
 */
export function rankByScore(idx: Int32Array, score: Float64Array, from: number, to: number): void {
  const n = to - from;
  if (n <= INSERTION_MAX) insertionRank(idx, score, from, to);
  else if (n >= RADIX_MIN && LITTLE_ENDIAN) radixRank(idx, score, from, n);
  else {
    // Break ties by current position, which makes the comparator sort stable whatever the engine does.
    const pos = new Map<number, number>();
    for (let i = from; i < to; i++) pos.set(idx[i] as number, i);
    idx
      .subarray(from, to)
      .sort(
        (a, b) =>
          (score[b] as number) - (score[a] as number) || (pos.get(a) as number) - (pos.get(b) as number),
      );
  }
}

function insertionRank(idx: Int32Array, score: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = idx[i] as number;
    const s = score[v] as number;
    let j = i - 1;
    while (j >= from && (score[idx[j] as number] as number) < s) {
      idx[j + 1] = idx[j] as number;
      j--;
    }
    idx[j + 1] = v;
  }
}

/** Sort keys whose unsigned ascending order is descending score order: flip to sortable form, then invert. */
function descendingKeys(idx: Int32Array, score: Float64Array, from: number, n: number): Uint32Array {
  const keys = new Uint32Array(2 * n);
  for (let i = 0; i < n; i++) {
    F64[0] = (score[idx[from + i] as number] as number) + 0; // −0 + 0 = +0, so −0 and 0 tie as in numpy
    let lo = U32[0] as number;
    let hi = U32[1] as number;
    if (hi & 0x80000000) {
      hi = ~hi;
      lo = ~lo;
    } else {
      hi ^= 0x80000000;
    }
    keys[2 * i] = ~lo;
    keys[2 * i + 1] = ~hi;
  }
  return keys;
}

function radixRank(idx: Int32Array, score: Float64Array, from: number, n: number): void {
  const keys = descendingKeys(idx, score, from, n);
  let order = new Int32Array(n);
  let next = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const count = new Int32Array(257);
  for (let pass = 0; pass < 8; pass++) {
    const word = pass >> 2;
    const shift = (pass & 3) * 8;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(((keys[2 * i + word] as number) >>> shift) & 255) + 1]! += 1;
    if (count.some((c) => c === n)) continue; // every key has the same byte here: the pass would not move anything
    for (let b = 0; b < 256; b++) count[b + 1]! += count[b] as number;
    for (let i = 0; i < n; i++) {
      const p = order[i] as number;
      const b = ((keys[2 * p + word] as number) >>> shift) & 255;
      next[count[b] as number] = p;
      count[b]! += 1;
    }
    [order, next] = [next, order];
  }
  const original = idx.slice(from, from + n);
  for (let i = 0; i < n; i++) idx[from + i] = original[order[i] as number] as number;
}
