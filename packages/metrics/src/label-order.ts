/** A class label as it appears in JSON data: a string or a finite number. `1` and `"1"` are different labels. */
export type LabelValue = string | number;

/**
 * The one total order Tessera uses for labels, matching Python's `sorted` on homogeneous label lists
 * (numpy/pandas/scikit-learn/crowd-kit column order): numbers numerically, strings by Unicode code point
 * (not UTF-16 unit order, not `localeCompare`). Mixed lists, which Python refuses to sort, put every number
 * before every string.
 */
export function compareLabelValues(a: LabelValue, b: LabelValue): number {
  if (typeof a === 'number') {
    if (typeof b !== 'number') return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof b === 'number') return 1;
  return compareCodePoints(a, b);
}

/** Compares two strings by Unicode code point, as Python's `str.__lt__` does. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    // A surrogate unit is part of a code point above U+FFFF, which outranks every BMP code point.
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Returns the distinct labels of `values` in `compareLabelValues` order (a new array). */
export function sortedUniqueLabels(values: Iterable<LabelValue>): LabelValue[] {
  return [...new Set(values)].sort(compareLabelValues);
}
