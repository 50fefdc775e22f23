/**
 * Adaptive Gauss–Kronrod quadrature (G10/K21 rule of QUADPACK `qk21`, global bisection of the interval
 * with the largest error estimate), standing in for `scipy.integrate.quad` (QUADPACK `qags`) with its
 * default tolerances epsabs = epsrel = 1.49e−8 and limit = 50 subintervals. Used for the LSH
 * false-positive/false-negative integrals (quality-math.md §12).
 */

// QUADPACK qk21 abscissae (Kronrod, descending; odd indices are the 10-point Gauss nodes) and weights.
const XGK = [
  0.9956571630258081, 0.9739065285171717, 0.9301574913557082, 0.8650633666889845, 0.7808177265864169,
  0.6794095682990244, 0.5627571346686047, 0.4333953941292472, 0.2943928627014602, 0.14887433898163122, 0,
];
const WGK = [
  0.011694638867371874, 0.032558162307964725, 0.054755896574351995, 0.07503967481091996, 0.0931254545836976,
  0.10938715880229764, 0.12349197626206584, 0.13470921731147334, 0.14277593857706009, 0.14773910490133849,
  0.1494455540029169,
];
const WG = [
  0.06667134430868814, 0.1494513491505806, 0.21908636251598204, 0.26926671930999635, 0.29552422471475287,
];

interface Piece {
  readonly a: number;
  readonly b: number;
  readonly value: number;
  readonly error: number;
}

/** One 21-point Kronrod estimate of ∫_a^b f with |K21 − G10| as its error estimate. */
function kronrod21(f: (x: number) => number, a: number, b: number): Piece {
  const center = (a + b) / 2;
  const half = (b - a) / 2;
  const fc = f(center);
  let kronrod = fc * (WGK[10] as number);
  let gauss = 0;
  for (let j = 0; j < 10; j += 1) {
    const dx = half * (XGK[j] as number);
    const pair = f(center - dx) + f(center + dx);
    kronrod += (WGK[j] as number) * pair;
    if (j % 2 === 1) gauss += (WG[(j - 1) / 2] as number) * pair;
  }
  return { a, b, value: kronrod * half, error: Math.abs((kronrod - gauss) * half) };
}

export interface QuadratureOptions {
  readonly epsAbs?: number;
  readonly epsRel?: number;
  readonly limit?: number;
}

/** ∫_a^b f(x) dx by adaptive Gauss–Kronrod (see module comment). */
export function integrate(
  f: (x: number) => number,
  a: number,
  b: number,
  options: QuadratureOptions = {},
): number {
  const epsAbs = options.epsAbs ?? 1.49e-8;
  const epsRel = options.epsRel ?? 1.49e-8;
  const limit = options.limit ?? 50;
  if (a === b) return 0;
  const pieces: Piece[] = [kronrod21(f, a, b)];
  for (;;) {
    const total = pieces.reduce((s, p) => s + p.value, 0);
    const error = pieces.reduce((s, p) => s + p.error, 0);
    if (error <= Math.max(epsAbs, epsRel * Math.abs(total)) || pieces.length >= limit) return total;
    let worst = 0;
    pieces.forEach((p, i) => {
      if (p.error > (pieces[worst] as Piece).error) worst = i;
    });
    const { a: lo, b: hi } = pieces[worst] as Piece;
    const mid = (lo + hi) / 2;
    pieces.splice(worst, 1, kronrod21(f, lo, mid), kronrod21(f, mid, hi));
  }
}
