import type { AnnotationPayload, AttributeValues, Migration, MigrationOp } from '@tessera/schema';

type Attributes = AnnotationPayload['attributes'];

/** What classifications, objects and spans have in common: a class and attribute values. */
interface Label {
  readonly class_id: string;
  readonly attributes: Attributes;
}

/** A label's fate under one op: the same label, a rewritten copy, or null (removed). */
type Relabel = <L extends Label>(label: L) => L | null;

/**
 * Rewrites a payload made under the previous ontology version, applying `ops` in order to its
 * classifications, objects and spans. Pure: the input is never mutated; the result is a new payload
 * (unchanged labels are shared). Ops:
 * - `rename_class` / `merge_classes`: relabel `from` (every `from`) to `to` / `into`.
 * - `split_class`: a `from` label becomes `mapping[String(value)]` of its `attribute`, or `default` when the
 *   value is absent or unmapped; the attribute is dropped unless `drop_attribute === false`.
 * - `delete_class`: `remap_to: null` removes the class's labels, otherwise relabels them.
 * - `rename_attribute`: `class_id: null` renames a key of the payload's global attributes, otherwise the
 *   key on labels of that class. The renamed value replaces an existing `to` value; without a `from`
 *   value nothing changes.
 * Does not check the result against the new ontology: run `validateAnnotation` for that.
 */
export function migratePayload(payload: AnnotationPayload, ops: Migration): AnnotationPayload {
  let current: AnnotationPayload = {
    classifications: [...payload.classifications],
    objects: [...payload.objects],
    spans: [...payload.spans],
    attributes: payload.attributes,
  };
  for (const op of ops) current = applyOp(current, op);
  return current;
}

function applyOp(payload: AnnotationPayload, op: MigrationOp): AnnotationPayload {
  if (op.op === 'rename_attribute' && op.class_id === null) {
    return { ...payload, attributes: renameKey(payload.attributes, op.from, op.to) };
  }
  const relabel = relabelFor(op);
  return {
    classifications: mapLabels(payload.classifications, relabel),
    objects: mapLabels(payload.objects, relabel),
    spans: mapLabels(payload.spans, relabel),
    attributes: payload.attributes,
  };
}

function mapLabels<L extends Label>(labels: readonly L[], relabel: Relabel): L[] {
  const out: L[] = [];
  for (const label of labels) {
    const next = relabel(label);
    if (next !== null) out.push(next);
  }
  return out;
}

function relabelFor(op: MigrationOp): Relabel {
  switch (op.op) {
    case 'rename_class':
      return (label) => (label.class_id === op.from ? { ...label, class_id: op.to } : label);
    case 'merge_classes': {
      const from = new Set(op.from);
      return (label) => (from.has(label.class_id) ? { ...label, class_id: op.into } : label);
    }
    case 'split_class':
      return (label) => (label.class_id === op.from ? splitLabel(label, op) : label);
    case 'delete_class': {
      const target = op.remap_to;
      return (label) => {
        if (label.class_id !== op.class_id) return label;
        return target === null ? null : { ...label, class_id: target };
      };
    }
    case 'rename_attribute':
      return (label) =>
        label.class_id === op.class_id
          ? { ...label, attributes: renameKey(label.attributes, op.from, op.to) }
          : label;
  }
}

type SplitOp = Extract<MigrationOp, { op: 'split_class' }>;

function splitLabel<L extends Label>(label: L, op: SplitOp): L {
  const hasValue = Object.hasOwn(label.attributes, op.attribute);
  const key = hasValue ? String(label.attributes[op.attribute]) : undefined;
  const mapped = key !== undefined && Object.hasOwn(op.mapping, key) ? op.mapping[key] : undefined;
  const attributes =
    op.drop_attribute === false || !hasValue ? label.attributes : withoutKey(label.attributes, op.attribute);
  return { ...label, class_id: mapped ?? op.default, attributes };
}

/** Copies with `Object.fromEntries` so keys such as `__proto__` stay plain own properties. */
function withoutKey(values: AttributeValues, key: string): AttributeValues {
  return Object.fromEntries(Object.entries(values).filter(([k]) => k !== key));
}

function renameKey(values: AttributeValues, from: string, to: string): AttributeValues {
  if (from === to || !Object.hasOwn(values, from)) return values;
  const entries = Object.entries(values)
    .filter(([k]) => k !== to)
    .map(([k, v]): [string, AttributeValues[string]] => [k === from ? to : k, v]);
  return Object.fromEntries(entries);
}
