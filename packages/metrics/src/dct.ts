import { MetricsInputError } from './metrics-input-error';

/**
 * Unnormalised DCT-II exactly as `scipy.fftpack.dct(x, type=2, norm=None)` defines it
 * (quality-math.md §11): y_k = 2 · Σ_{n<N} x_n · cos(π k (2n + 1) / (2N)).
 *
 * Computed directly in O(N²) with a cached cosine table (N is 32 for an 8-bit pHash); scipy uses an FFT,
 * so coefficients agree to rounding error (≈1e−12 relative), not bit for bit.
 */

const cosineTables = new Map<number, Float64Array>();

function cosineTable(n: number): Float64Array {
  const cached = cosineTables.get(n);
  if (cached) return cached;
  const table = new Float64Array(n * n);
  for (let k = 0; k < n; k += 1) {
    for (let i = 0; i < n; i += 1) table[k * n + i] = Math.cos((Math.PI * k * (2 * i + 1)) / (2 * n));
  }
  cosineTables.set(n, table);
  return table;
}

/** 1-D unnormalised DCT-II of `x`. */
export function dct2(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const table = cosineTable(n);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k += 1) {
    let sum = 0;
    for (let i = 0; i < n; i += 1) sum += (x[i] as number) * (table[k * n + i] as number);
    out[k] = 2 * sum;
  }
  return out;
}

/**
 * `scipy.fftpack.dct(scipy.fftpack.dct(pixels, axis=0), axis=1)` on a row-major `height × width` matrix:
 * every column is transformed first, then every row. Returns a new row-major matrix.
 */
export function dct2d(values: ArrayLike<number>, width: number, height: number): Float64Array {
  if (values.length !== width * height)
    throw new MetricsInputError('dct2d: values.length must be width × height');
  const afterColumns = new Float64Array(width * height);
  const column = new Float64Array(height);
  for (let c = 0; c < width; c += 1) {
    for (let r = 0; r < height; r += 1) column[r] = values[r * width + c] as number;
    dct2(column).forEach((v, r) => {
      afterColumns[r * width + c] = v;
    });
  }
  const out = new Float64Array(width * height);
  for (let r = 0; r < height; r += 1)
    out.set(dct2(afterColumns.subarray(r * width, (r + 1) * width)), r * width);
  return out;
}
