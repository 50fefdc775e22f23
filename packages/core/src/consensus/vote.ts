import type { AttributeValues } from '@tessera/schema';

type Value = string | number | boolean;

/** Code-point order of the values' JSON text: deterministic tie-break for votes. */
function compareValues(a: Value, b: Value): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The most frequent value; ties go to the first in code-point order of its JSON text. */
export function majority<T extends Value>(values: readonly T[]): T | undefined {
  const counts = new Map<string, { value: T; n: number }>();
  for (const v of values) {
    const key = JSON.stringify(v);
    const entry = counts.get(key);
    if (entry) entry.n += 1;
    else counts.set(key, { value: v, n: 1 });
  }
  let best: { value: T; n: number } | undefined;
  for (const entry of counts.values()) {
    if (
      best === undefined ||
      entry.n > best.n ||
      (entry.n === best.n && compareValues(entry.value, best.value) < 0)
    ) {
      best = entry;
    }
  }
  return best?.value;
}

/** Majority vote per attribute key over several attribute bags (a key missing from a bag casts no vote). */
export function voteAttributes(bags: readonly AttributeValues[]): AttributeValues {
  const keys = [...new Set(bags.flatMap((b) => Object.keys(b)))].sort();
  const out: Record<string, Value> = {};
  for (const key of keys) {
    const winner = majority(bags.flatMap((b) => (key in b ? [b[key] as Value] : [])));
    if (winner !== undefined) out[key] = winner;
  }
  return out;
}
