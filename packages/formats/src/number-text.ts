/**
 * A coordinate as text: rounded to 12 significant digits (relative error ≤ 5·10⁻¹³, far inside F1's 10⁻⁶),
 * which removes the float noise of a unit conversion (0.48171900000000004 → 0.481719), then JavaScript's
 * shortest form. −0 is 0.
 */
export function coordText(v: number): string {
  const r = Number(v.toPrecision(12));
  return Object.is(r, -0) ? '0' : String(r);
}

/** `v` with the same 12-significant-digit rounding, as a number. */
export function coord(v: number): number {
  return Number(v.toPrecision(12)) + 0;
}
