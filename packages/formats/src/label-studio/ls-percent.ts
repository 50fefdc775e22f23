/**
 * Percent → pixels as p · size / 100: Label Studio's frontend stores (px / size) · 100, and multiplying first
 * recovers its integer pixel values exactly far more often than (p / 100) · size does.
 */
export function pxOf(percent: number, size: number): number {
  return (percent * size) / 100;
}

/**
 * Pixels → percent as Label Studio computes it, (px / size) · 100, when that maps back to exactly `px`;
 * otherwise the shortest value that does, so IR → LS → IR gives the same pixels.
 */
export function percentOf(px: number, size: number): number {
  const exact = (px / size) * 100;
  if (pxOf(exact, size) === px) return exact + 0;
  for (let k = 1; k <= 17; k++) {
    const c = Number(exact.toPrecision(k));
    if (pxOf(c, size) === px) return c + 0;
  }
  return exact + 0;
}
