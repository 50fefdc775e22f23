import {
  type AttributeDef,
  GEOMETRY_KINDS,
  type OntologyClass,
  type OntologyDefinition,
} from '@tessera/schema';
import { compareCodePoints } from './code-point-order';
import { unifiedLineDiff } from './line-diff';

/** A JSON value as it appears in a field change; null stands for an absent optional field. */
export type DiffValue = string | number | boolean | null | readonly string[];

export interface FieldChange {
  readonly field: string;
  readonly before: DiffValue;
  readonly after: DiffValue;
}

export interface AttributeChange {
  readonly id: string;
  readonly changes: readonly FieldChange[];
}

export interface AttributesDiff {
  readonly added: readonly AttributeDef[];
  readonly removed: readonly AttributeDef[];
  readonly changed: readonly AttributeChange[];
}

export interface ClassChange {
  readonly id: string;
  /** Changes of `name`, `color`, `geometries`, `allow_overlap`, in that order. */
  readonly changes: readonly FieldChange[];
  readonly attributes: AttributesDiff;
}

export interface OntologyDiff {
  readonly classes: {
    readonly added: readonly OntologyClass[];
    readonly removed: readonly OntologyClass[];
    readonly changed: readonly ClassChange[];
  };
  readonly globalAttributes: AttributesDiff;
  readonly guidelinesChanged: boolean;
  /** Unified line diff of the guidelines, at most 200 lines (see `unifiedLineDiff`). */
  readonly guidelinesDiff: readonly string[];
  readonly guidelinesDiffTruncated: boolean;
}

/**
 * What changed between two ontology versions: a plain JSON-serialisable value with every list ordered by id
 * (code-point order). Classes and attributes are matched by id; their order in the lists is not compared.
 * Choices: `geometries` is compared as a set (reported in `GEOMETRY_KINDS` order); `allow_overlap` by its
 * effective value (absent = false); `color` case-insensitively; attribute fields (including enum option
 * order) exactly, absent optional fields as null. With duplicate ids (an invalid ontology) the first wins.
 */
export function diffOntology(previous: OntologyDefinition, next: OntologyDefinition): OntologyDiff {
  const guidelinesChanged = previous.guidelines !== next.guidelines;
  const guidelines = guidelinesChanged
    ? unifiedLineDiff(previous.guidelines, next.guidelines)
    : { lines: [], truncated: false };
  return {
    classes: diffById(previous.classes, next.classes, diffClass),
    globalAttributes: diffAttributes(previous.global_attributes, next.global_attributes),
    guidelinesChanged,
    guidelinesDiff: guidelines.lines,
    guidelinesDiffTruncated: guidelines.truncated,
  };
}

/** True when `diffOntology` found no difference at all. */
export function isOntologyDiffEmpty(diff: OntologyDiff): boolean {
  const { classes, globalAttributes } = diff;
  return (
    !diff.guidelinesChanged &&
    classes.added.length + classes.removed.length + classes.changed.length === 0 &&
    globalAttributes.added.length + globalAttributes.removed.length + globalAttributes.changed.length === 0
  );
}

interface ByIdDiff<T, C> {
  readonly added: readonly T[];
  readonly removed: readonly T[];
  readonly changed: readonly C[];
}

/** Matches items by id; `compare` returns null when two versions of an item are equivalent. */
function diffById<T extends { readonly id: string }, C>(
  before: readonly T[],
  after: readonly T[],
  compare: (a: T, b: T) => C | null,
): ByIdDiff<T, C> {
  const previous = firstById(before);
  const next = firstById(after);
  const ids = [...new Set([...previous.keys(), ...next.keys()])].sort(compareCodePoints);
  const added: T[] = [];
  const removed: T[] = [];
  const changed: C[] = [];
  for (const id of ids) {
    const a = previous.get(id);
    const b = next.get(id);
    if (a === undefined) added.push(b!);
    else if (b === undefined) removed.push(a);
    else {
      const change = compare(a, b);
      if (change !== null) changed.push(change);
    }
  }
  return { added, removed, changed };
}

function firstById<T extends { readonly id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}

function diffAttributes(before: readonly AttributeDef[], after: readonly AttributeDef[]): AttributesDiff {
  return diffById(before, after, diffAttribute);
}

const ATTRIBUTE_FIELDS = [
  'name',
  'type',
  'required',
  'options',
  'min',
  'max',
  'integer',
  'max_length',
] as const;

function diffAttribute(a: AttributeDef, b: AttributeDef): AttributeChange | null {
  const changes: FieldChange[] = [];
  for (const field of ATTRIBUTE_FIELDS) {
    pushChange(changes, field, fieldOf(a, field), fieldOf(b, field));
  }
  return changes.length === 0 ? null : { id: a.id, changes };
}

function fieldOf(def: AttributeDef, field: (typeof ATTRIBUTE_FIELDS)[number]): DiffValue {
  const value: unknown = (def as Readonly<Record<string, unknown>>)[field];
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(String);
  return null;
}

function diffClass(a: OntologyClass, b: OntologyClass): ClassChange | null {
  const changes: FieldChange[] = [];
  pushChange(changes, 'name', a.name, b.name);
  if (a.color.toLowerCase() !== b.color.toLowerCase())
    changes.push({ field: 'color', before: a.color, after: b.color });
  pushChange(changes, 'geometries', sortedGeometries(a), sortedGeometries(b));
  pushChange(changes, 'allow_overlap', a.allow_overlap === true, b.allow_overlap === true);
  const attributes = diffAttributes(a.attributes, b.attributes);
  const attributesChanged =
    attributes.added.length + attributes.removed.length + attributes.changed.length > 0;
  return changes.length === 0 && !attributesChanged ? null : { id: a.id, changes, attributes };
}

function sortedGeometries(cls: OntologyClass): string[] {
  return GEOMETRY_KINDS.filter((kind) => cls.geometries.includes(kind));
}

function pushChange(changes: FieldChange[], field: string, before: DiffValue, after: DiffValue): void {
  if (JSON.stringify(before) !== JSON.stringify(after)) changes.push({ field, before, after });
}
