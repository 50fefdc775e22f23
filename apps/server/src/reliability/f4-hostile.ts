import fc from 'fast-check';

/** Strings that parsers and coercions get wrong: number look-alikes, empties, encodings, control characters. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x1F',
  '1_000',
  '  7  ',
  '9007199254740993',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '%00',
  '%',
  '%zz',
  '\u0000',
  'a\u0000b',
  '\uFFFF',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '\u202Eevil',
  '\u200B',
  'ǅ𝕏👩‍👩‍👧‍👦',
  'e\u0301\u0301\u0301',
  '../../etc/passwd',
  '..\\..\\windows',
  "'; DROP TABLE tasks; --",
  '" OR 1=1 --',
  '$where',
  '{"$gt":""}',
  '<script>alert(1)</script>',
  '$' + '{7*7}', // a template-injection probe
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
];

/** Object keys aimed at prototype pollution and at fields a caller must not set. */
export const NASTY_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'org_id',
  'id',
  'created_at',
  '',
  '\u0000',
  'a.b',
  '/pointer~1x',
];

/** A copy of `target` with own property `key` (also `__proto__`, which plain assignment would not create). */
export function withKey(target: object, key: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Arrays or objects nested `depth` levels around `leaf` (built without recursion, so any depth is fine). */
export function nest(depth: number, leaf: unknown, kind: 'array' | 'object' | 'mixed'): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) {
    const asArray = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
    value = asArray ? [value] : { a: value };
  }
  return value;
}

const hugeString = fc
  .tuple(fc.integer({ min: 10_000, max: 1_200_000 }), fc.constantFrom('x', 'é', '😀', '\\', '"', '\u0000'))
  .map(([n, c]) => c.repeat(Math.ceil(n / c.length)));

const deep = fc
  .tuple(
    fc.integer({ min: 1, max: 130 }),
    fc.constantFrom('array', 'object', 'mixed') as fc.Arbitrary<'array' | 'object' | 'mixed'>,
  )
  .map(([depth, kind]) => nest(depth, 1, kind));

const pollution = fc
  .tuple(fc.constantFrom(...NASTY_KEYS), fc.jsonValue({ maxDepth: 2 }))
  .map(([key, value]) =>
    withKey({}, key, key === 'constructor' ? { prototype: { polluted: value } } : value),
  );

const edgeNumbers = fc.constantFrom(
  -0,
  0.5,
  -1,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER,
);

/** One hostile JSON value: a wrong type, an edge number, a nasty or huge string, deep nesting, pollution keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 4 },
  { arbitrary: edgeNumbers, weight: 2 },
  { arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: deep, weight: 1 },
  { arbitrary: pollution, weight: 2 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: fc.integer({ min: 1_000, max: 120_000 }).map((n) => new Array<number>(n).fill(0)), weight: 1 },
);

/** Media types a client might send by mistake or on purpose. */
export const CONTENT_TYPES: readonly string[] = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json;;',
  'application/problem+json',
  'application/vnd.api+json',
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zz',
  'application/x-ndjson',
  'image/png',
  'application/octet-stream',
  '*/*',
  'json',
];

/** JSON text with the small mistakes and tricks that hand-written parsers and lenient servers trip on. */
export function jsonTextTricks(valid: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.nat({ max: Math.max(0, valid.length - 1) }).map((cut) => valid.slice(0, cut)),
    fc.constantFrom(
      `\uFEFF${valid}`,
      `${valid},`,
      `${valid}${valid}`,
      valid.replace(/"/g, "'"),
      valid.replace('{', '{"__proto__":{"admin":true},'),
      valid.replace('{', '{"constructor":{"prototype":{"admin":true}},'),
      valid.replace('{', '{"a":1,"a":2,'),
      valid.replace('{', '{"x":"\\u0000\\ud800",'),
      valid.replace('{', '{"x":"\\x41",'),
      valid.replace('{', '{"n":1e999999,'),
      valid.replace('{', '{"n":-,'),
      valid.replace('{', '{/* c */'),
      '',
      ' ',
      'null',
      '[]',
      '"just a string"',
      '0',
      '{',
      '}',
    ),
  );
}

/** Raw bytes: random, or random inside a JSON-looking frame. */
export const garbageBytes: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)),
  fc.uint8Array({ maxLength: 256 }).map((a) => Buffer.concat([Buffer.from('{"a":"'), a, Buffer.from('"}')])),
);
