import type { AnnotationPayload, AttributeDef, AttributeValues, OntologyDefinition } from '@tessera/schema';

/** Which label an attribute problem belongs to. */
export type AttributeOwner = 'object' | 'span' | 'classification' | 'global';

/** One attribute that blocks the submit: absent while required, undefined here, or a value the server refuses. */
export interface Missing {
  /** JSON Pointer of the attribute, as the server reports it: `/objects/3/attributes/occluded`. */
  readonly path: string;
  readonly attribute_id: string;
  readonly owner: AttributeOwner;
  /** Index of the object, span or classification; null for a global attribute. */
  readonly index: number | null;
  readonly message: string;
}

type Value = AttributeValues[string];

interface Rules {
  readonly list: readonly AttributeDef[];
  readonly byId: ReadonlyMap<string, AttributeDef>;
}

interface Index {
  readonly classes: ReadonlyMap<string, Rules>;
  readonly global: Rules;
}

const indexes = new WeakMap<OntologyDefinition, Index>();

/** First definition wins on a duplicated id, as in the server's ontology index. */
function rulesOf(defs: readonly AttributeDef[]): Rules {
  const byId = new Map<string, AttributeDef>();
  for (const def of defs) if (!byId.has(def.id)) byId.set(def.id, def);
  return { list: [...byId.values()], byId };
}

function indexOf(ontology: OntologyDefinition): Index {
  const cached = indexes.get(ontology);
  if (cached !== undefined) return cached;
  const classes = new Map<string, Rules>();
  for (const c of ontology.classes) if (!classes.has(c.id)) classes.set(c.id, rulesOf(c.attributes));
  const index: Index = { classes, global: rulesOf(ontology.global_attributes) };
  indexes.set(ontology, index);
  return index;
}

const escapeSegment = (s: string): string => s.replaceAll('~', '~0').replaceAll('/', '~1');

/** Why a value is refused, or null when it is acceptable (mirrors core's `checkAttributes`). */
export function attributeValueProblem(def: AttributeDef, value: Value): string | null {
  switch (def.type) {
    case 'enum':
      return typeof value === 'string' && def.options.includes(value)
        ? null
        : `must be one of the options of "${def.id}"`;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be a boolean';
    case 'text':
      if (typeof value !== 'string') return 'must be a string';
      return def.max_length !== undefined && value.length > def.max_length
        ? `must be at most ${def.max_length} characters`
        : null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number';
      if (def.integer === true && !Number.isInteger(value)) return 'must be an integer';
      if (def.min !== undefined && value < def.min) return `must be at least ${def.min}`;
      if (def.max !== undefined && value > def.max) return `must be at most ${def.max}`;
      return null;
  }
}

function check(
  values: AttributeValues,
  rules: Rules,
  owner: AttributeOwner,
  index: number | null,
  out: Missing[],
): void {
  const base = index === null ? '/attributes' : `/${owner}s/${index}/attributes`;
  const add = (attribute_id: string, message: string): void => {
    out.push({ path: `${base}/${escapeSegment(attribute_id)}`, attribute_id, owner, index, message });
  };
  for (const def of rules.list) {
    if (def.required && !Object.hasOwn(values, def.id)) add(def.id, `${def.name} is required`);
  }
  for (const key of Object.keys(values)) {
    const def = rules.byId.get(key);
    if (def === undefined) {
      add(key, `attribute "${key}" is not defined here`);
      continue;
    }
    const problem = attributeValueProblem(def, values[key] as Value);
    if (problem !== null) add(key, `${def.name} ${problem}`);
  }
}

/**
 * Every attribute problem the server's submit-time validator reports, in its order (classifications,
 * objects, spans, global attributes) and at its paths: a required attribute that is absent, a key the label's
 * class (or the ontology's globals) does not define, and a value of the wrong type, outside the enum options,
 * not an integer, out of `min`/`max`, or longer than `max_length`. Labels of an unknown class are skipped, as
 * the server reports only the class then. Class, geometry, span-range and id problems are not checked here.
 */
export function missingRequired(
  ontology: OntologyDefinition,
  payload: AnnotationPayload,
): readonly Missing[] {
  const index = indexOf(ontology);
  const out: Missing[] = [];
  const labels = (
    list: readonly { readonly class_id: string; readonly attributes: AttributeValues }[],
    owner: AttributeOwner,
  ): void => {
    list.forEach((label, i) => {
      const rules = index.classes.get(label.class_id);
      if (rules !== undefined) check(label.attributes, rules, owner, i, out);
    });
  };
  labels(payload.classifications, 'classification');
  labels(payload.objects, 'object');
  labels(payload.spans, 'span');
  check(payload.attributes, index.global, 'global', null, out);
  return out;
}
