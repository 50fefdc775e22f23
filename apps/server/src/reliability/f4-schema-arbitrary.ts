import fc from 'fast-check';

/** The JSON Schema keywords the route contract's TypeBox schemas use (a TypeBox schema is plain JSON Schema). */
export interface JsonSchema {
  readonly type?: string;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly JsonSchema[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly patternProperties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
}

/** Keywords the generator understands; a schema using another one fails loudly instead of being half-fuzzed. */
const KNOWN = new Set([
  'type',
  'const',
  'enum',
  'anyOf',
  'properties',
  'patternProperties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'default',
  'description',
  '~kind',
  '~optional',
]);

export interface ArbitraryOptions {
  /**
   * Values of the seeded world by property name (`task_id`, `project`, `token`, `class_id` …): a property with
   * hints takes one of them most of the time, so generated bodies reach objects that exist.
   */
  readonly hints: Readonly<Record<string, readonly unknown[]>>;
  /** Most array items and dictionary keys generated (schemas allow thousands; a few find the same bugs). */
  readonly maxItems: number;
  /** Most extra characters beyond a string's minLength. */
  readonly maxChars: number;
}

const FAR = 1_000_000_000_000;

function stringArbitrary(s: JsonSchema, o: ArbitraryOptions): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? min + o.maxChars, min + o.maxChars);
  if (s.format === 'date-time') {
    return fc
      .date({ min: new Date(0), max: new Date(Date.UTC(2100, 0)), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (s.pattern !== undefined) {
    const limit = s.maxLength ?? Number.MAX_SAFE_INTEGER;
    return fc
      .stringMatching(new RegExp(s.pattern), { maxLength: Math.min(limit, max) })
      .filter((v) => v.length >= min && v.length <= limit);
  }
  return fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.string({ unit: 'grapheme', minLength: min, maxLength: max }),
  );
}

function numberArbitrary(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lower = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 0) : s.minimum;
  const min = Math.max(lower ?? -FAR, -FAR);
  const max = Math.min(s.maximum ?? FAR, FAR);
  if (integer) {
    const near = fc.integer({ min: Math.max(min, Math.min(max, -3)), max: Math.min(max, Math.max(min, 20)) });
    return fc.oneof(near, fc.integer({ min, max }));
  }
  return fc
    .double({ min, max, noNaN: true, noDefaultInfinity: true })
    .filter((v) => s.exclusiveMinimum === undefined || v > s.exclusiveMinimum);
}

function arrayArbitrary(s: JsonSchema, o: ArbitraryOptions): fc.Arbitrary<unknown[]> {
  const item = schemaArbitrary(s.items ?? {}, o);
  const minLength = s.minItems ?? 0;
  const maxLength = Math.max(
    minLength,
    Math.min(s.maxItems ?? minLength + o.maxItems, minLength + o.maxItems),
  );
  return s.uniqueItems === true
    ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
    : fc.array(item, { minLength, maxLength });
}

function objectArbitrary(s: JsonSchema, o: ArbitraryOptions): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, sub] of Object.entries(props)) shape[name] = propertyArbitrary(name, sub, o);
  const required = (s.required ?? []).filter((k) => k in props);
  const record = fc.record(shape, { requiredKeys: required, noNullPrototype: true });
  const patterns = Object.entries(s.patternProperties ?? {});
  if (patterns.length === 0) return record;
  const [pattern, valueSchema] = patterns[0] as [string, JsonSchema];
  const extra = fc.dictionary(
    pattern === '^.*$' ? fc.string({ maxLength: 12 }) : fc.stringMatching(new RegExp(pattern)),
    schemaArbitrary(valueSchema, o),
    { maxKeys: o.maxItems, noNullPrototype: true },
  );
  // Declared properties win over dictionary keys of the same name.
  return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
}

/** A property's value: one of the world's values for that name most of the time, else generated. */
function propertyArbitrary(name: string, s: JsonSchema, o: ArbitraryOptions): fc.Arbitrary<unknown> {
  const generated = schemaArbitrary(s, o);
  const hinted = o.hints[name];
  if (hinted === undefined || hinted.length === 0) return generated;
  return fc.oneof({ arbitrary: fc.constantFrom(...hinted), weight: 3 }, { arbitrary: generated, weight: 1 });
}

/** Throws when `s` uses a keyword the generator would silently ignore. */
function checkKeywords(s: JsonSchema): void {
  for (const key of Object.keys(s)) {
    if (!KNOWN.has(key)) throw new Error(`f4: the schema generator does not know the keyword "${key}"`);
  }
}

/**
 * A fast-check arbitrary of values valid for a JSON Schema (the subset TypeBox emits for the route contract).
 * Sizes are capped by `options`; `{}` (any JSON) gives small JSON values.
 */
export function schemaArbitrary(s: JsonSchema, o: ArbitraryOptions): fc.Arbitrary<unknown> {
  checkKeywords(s);
  if ('const' in s) return fc.constant(s.const);
  if (s.enum !== undefined) return fc.constantFrom(...s.enum);
  if (s.anyOf !== undefined) return fc.oneof(...s.anyOf.map((sub) => schemaArbitrary(sub, o)));
  switch (s.type) {
    case 'string':
      return stringArbitrary(s, o);
    case 'integer':
      return numberArbitrary(s, true);
    case 'number':
      return numberArbitrary(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayArbitrary(s, o);
    case 'object':
      return objectArbitrary(s, o);
    case undefined:
      return fc.jsonValue({ maxDepth: 2 });
    default:
      throw new Error(`f4: the schema generator does not know the type "${s.type}"`);
  }
}
