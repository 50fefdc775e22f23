import fc from 'fast-check';
import { hostileValue, NASTY_KEYS, withKey } from './f4-hostile';

type Step = string | number;

/** What a mutation does at the chosen place of a valid value. */
export type Mutation =
  | { readonly op: 'replace'; readonly value: unknown }
  | { readonly op: 'delete' }
  | { readonly op: 'add_key'; readonly key: string; readonly value: unknown }
  | { readonly op: 'stringify' }
  | { readonly op: 'wrap' };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Places listed per value: the first children of a huge array are as good a target as any. */
const MAX_PLACES = 200;

/** Places in a JSON value (the root included), depth first, at most MAX_PLACES of them. */
export function placesOf(value: unknown, at: readonly Step[] = [], out: Step[][] = []): Step[][] {
  if (out.length >= MAX_PLACES) return out;
  out.push([...at]);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && out.length < MAX_PLACES; i++) placesOf(value[i], [...at, i], out);
  } else if (isObject(value)) for (const [k, v] of Object.entries(value)) placesOf(v, [...at, k], out);
  return out;
}

function applyHere(value: unknown, m: Mutation): unknown {
  switch (m.op) {
    case 'replace':
      return m.value;
    case 'stringify':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'wrap':
      return [value];
    case 'add_key':
      return isObject(value) ? withKey(value, m.key, m.value) : value;
    case 'delete':
      return value;
  }
}

/** A copy of `value` with `m` applied at `path` (a deleted object key or array item disappears). */
export function mutateAt(value: unknown, path: readonly Step[], m: Mutation): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return applyHere(value, m);
  if (Array.isArray(value) && typeof head === 'number') {
    if (rest.length === 0 && m.op === 'delete') return value.filter((_, i) => i !== head);
    return value.map((v, i) => (i === head ? mutateAt(v, rest, m) : v));
  }
  if (isObject(value) && typeof head === 'string') {
    if (rest.length === 0 && m.op === 'delete') {
      const { [head]: _gone, ...kept } = value;
      return kept;
    }
    return withKey(value, head, mutateAt(value[head], rest, m));
  }
  return value;
}

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: hostileValue.map((value): Mutation => ({ op: 'replace', value })), weight: 5 },
  { arbitrary: fc.constant<Mutation>({ op: 'delete' }), weight: 2 },
  {
    arbitrary: fc
      .tuple(fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 8 })), hostileValue)
      .map(([key, value]): Mutation => ({ op: 'add_key', key, value })),
    weight: 2,
  },
  { arbitrary: fc.constant<Mutation>({ op: 'stringify' }), weight: 1 },
  { arbitrary: fc.constant<Mutation>({ op: 'wrap' }), weight: 1 },
);

/** A valid value with one to three mutations at places chosen among its own. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.array(fc.tuple(fc.nat(), mutationArbitrary), { minLength: 1, maxLength: 3 }))
    .map(([value, steps]) =>
      steps.reduce((acc, [pick, m]) => {
        const places = placesOf(acc);
        return mutateAt(acc, places[pick % places.length] ?? [], m);
      }, value),
    );
}
