import type {
  AttributeDef,
  GeometryKind,
  Migration,
  MigrationOp,
  OntologyClass,
  OntologyDefinition,
} from '@tessera/schema';
import { withoutEdited } from './edited-field';
import type { FieldMessage } from './field-messages';

export { draftHints } from './draft-hints';
export type { FieldMessage } from './field-messages';

/**
 * The ontology editor's state as a pure reducer: every action returns a new value and never touches the
 * one it got. The page keeps one of these per edited version.
 */
export interface DraftState {
  readonly definition: OntologyDefinition;
  readonly migration: Migration;
  /** Changed since it was loaded or saved. */
  readonly dirty: boolean;
  /**
   * Field errors of the last failed save. An edit drops those about the field it changes; adding, removing
   * or moving rows drops them all (their indexes would point at other rows).
   */
  readonly serverErrors: readonly FieldMessage[];
}

export type AttributeOwner = { readonly kind: 'class'; readonly index: number } | { readonly kind: 'global' };
export type AttributeType = AttributeDef['type'];
export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['enum', 'boolean', 'number', 'text'];

interface AttrRef {
  readonly owner: AttributeOwner;
  readonly attr: number;
}

export type DraftAction =
  | { readonly type: 'load'; readonly definition: OntologyDefinition; readonly migration: Migration }
  | { readonly type: 'serverErrors'; readonly errors: readonly FieldMessage[] }
  | { readonly type: 'addClass'; readonly geometries: readonly GeometryKind[] }
  | { readonly type: 'removeClass'; readonly index: number }
  | { readonly type: 'moveClass'; readonly index: number; readonly to: number }
  | {
      readonly type: 'setClassText';
      readonly index: number;
      readonly field: 'id' | 'name' | 'color';
      readonly value: string;
    }
  | {
      readonly type: 'toggleGeometry';
      readonly index: number;
      readonly kind: GeometryKind;
      readonly on: boolean;
    }
  | { readonly type: 'setAllowOverlap'; readonly index: number; readonly value: boolean }
  | { readonly type: 'addAttribute'; readonly owner: AttributeOwner }
  | ({ readonly type: 'removeAttribute' } & AttrRef)
  | ({ readonly type: 'moveAttribute'; readonly to: number } & AttrRef)
  | ({ readonly type: 'setAttributeText'; readonly field: 'id' | 'name'; readonly value: string } & AttrRef)
  | ({ readonly type: 'setAttributeRequired'; readonly value: boolean } & AttrRef)
  | ({ readonly type: 'setAttributeType'; readonly attrType: AttributeType } & AttrRef)
  | ({ readonly type: 'setOptions'; readonly options: readonly string[] } & AttrRef)
  | ({
      readonly type: 'setNumberBound';
      readonly field: 'min' | 'max';
      readonly value: number | null;
    } & AttrRef)
  | ({ readonly type: 'setInteger'; readonly value: boolean } & AttrRef)
  | ({ readonly type: 'setMaxLength'; readonly value: number | null } & AttrRef)
  | { readonly type: 'setGuidelines'; readonly text: string }
  | { readonly type: 'addMigrationOp'; readonly op: MigrationOp }
  | { readonly type: 'setMigrationOp'; readonly index: number; readonly op: MigrationOp }
  | { readonly type: 'removeMigrationOp'; readonly index: number };

export const EMPTY_DEFINITION: OntologyDefinition = { classes: [], global_attributes: [], guidelines: '' };

/** Distinct, readable on white and on images; new classes cycle through them. */
export const CLASS_PALETTE = [
  '#e03131',
  '#1971c2',
  '#2f9e44',
  '#f08c00',
  '#9c36b5',
  '#0c8599',
  '#e8590c',
  '#5c940d',
  '#c2255c',
  '#3b5bdb',
] as const;

export function initialDraft(definition: OntologyDefinition = EMPTY_DEFINITION, migration: Migration = []) {
  const state: DraftState = { definition, migration, dirty: false, serverErrors: [] };
  return state;
}

/** A key not yet in `taken`: `class_3`, `attr_1`… */
export function freshKey(prefix: string, taken: readonly string[]): string {
  const used = new Set(taken);
  for (let n = taken.length + 1; ; n++) {
    const key = `${prefix}_${n}`;
    if (!used.has(key)) return key;
  }
}

/** `list` with the item at `from` moved to `to` (clamped); the same list when nothing moves. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, to));
  if (from < 0 || from >= list.length || from === target) return [...list];
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(target, 0, item as T);
  return copy;
}

const replaceAt = <T>(list: readonly T[], index: number, fn: (item: T) => T): T[] =>
  list.map((item, i) => (i === index ? fn(item) : item));

function newClass(classes: readonly OntologyClass[], geometries: readonly GeometryKind[]): OntologyClass {
  const id = freshKey(
    'class',
    classes.map((c) => c.id),
  );
  return {
    id,
    name: `Class ${id.slice('class_'.length)}`,
    color: CLASS_PALETTE[classes.length % CLASS_PALETTE.length] as string,
    geometries: [...geometries],
    attributes: [],
  };
}

function newAttribute(attributes: readonly AttributeDef[]): AttributeDef {
  const id = freshKey(
    'attr',
    attributes.map((a) => a.id),
  );
  return { id, name: `Attribute ${id.slice('attr_'.length)}`, type: 'boolean', required: false };
}

/** The attribute with another type; id, name and required stay, fields of the old type that fit are kept. */
export function convertAttribute(def: AttributeDef, type: AttributeType): AttributeDef {
  if (def.type === type) return def;
  const base = { id: def.id, name: def.name, required: def.required };
  switch (type) {
    case 'enum':
      return { ...base, type, options: [] };
    case 'boolean':
      return { ...base, type };
    case 'number':
      return { ...base, type };
    case 'text':
      return { ...base, type };
  }
}

function setNumberField(def: AttributeDef, field: 'min' | 'max', value: number | null): AttributeDef {
  if (def.type !== 'number') return def;
  const { [field]: _old, ...rest } = def;
  return value === null || !Number.isFinite(value) ? rest : { ...rest, [field]: value };
}

function editAttributes(
  definition: OntologyDefinition,
  owner: AttributeOwner,
  fn: (attributes: readonly AttributeDef[]) => AttributeDef[],
): OntologyDefinition {
  if (owner.kind === 'global') return { ...definition, global_attributes: fn(definition.global_attributes) };
  return {
    ...definition,
    classes: replaceAt(definition.classes, owner.index, (c) => ({ ...c, attributes: fn(c.attributes) })),
  };
}

const editAttribute = (
  definition: OntologyDefinition,
  ref: AttrRef,
  fn: (def: AttributeDef) => AttributeDef,
): OntologyDefinition => editAttributes(definition, ref.owner, (list) => replaceAt(list, ref.attr, fn));

const editClass = (
  definition: OntologyDefinition,
  index: number,
  fn: (cls: OntologyClass) => OntologyClass,
): OntologyDefinition => ({ ...definition, classes: replaceAt(definition.classes, index, fn) });

function withGeometry(cls: OntologyClass, kind: GeometryKind, on: boolean): OntologyClass {
  const geometries = on
    ? [...cls.geometries.filter((g) => g !== kind), kind]
    : cls.geometries.filter((g) => g !== kind);
  const { allow_overlap: _dropped, ...rest } = cls;
  return geometries.includes('span') ? { ...cls, geometries } : { ...rest, geometries };
}

/** Actions that change the definition's shape: rows are added, removed or moved. */
function structural(definition: OntologyDefinition, action: DraftAction): OntologyDefinition | undefined {
  const { classes } = definition;
  switch (action.type) {
    case 'addClass':
      return { ...definition, classes: [...classes, newClass(classes, action.geometries)] };
    case 'removeClass':
      return { ...definition, classes: classes.filter((_, i) => i !== action.index) };
    case 'moveClass':
      return { ...definition, classes: moveItem(classes, action.index, action.to) };
    case 'addAttribute':
      return editAttributes(definition, action.owner, (list) => [...list, newAttribute(list)]);
    case 'removeAttribute':
      return editAttributes(definition, action.owner, (list) => list.filter((_, i) => i !== action.attr));
    case 'moveAttribute':
      return editAttributes(definition, action.owner, (list) => moveItem(list, action.attr, action.to));
    default:
      return undefined;
  }
}

/** Actions that edit one field in place. */
function fieldEdit(definition: OntologyDefinition, action: DraftAction): OntologyDefinition | undefined {
  switch (action.type) {
    case 'setClassText':
      return editClass(definition, action.index, (c) => ({ ...c, [action.field]: action.value }));
    case 'toggleGeometry':
      return editClass(definition, action.index, (c) => withGeometry(c, action.kind, action.on));
    case 'setAllowOverlap':
      return editClass(definition, action.index, (c) => ({ ...c, allow_overlap: action.value }));
    case 'setAttributeText':
      return editAttribute(definition, action, (a) => ({ ...a, [action.field]: action.value }));
    case 'setAttributeRequired':
      return editAttribute(definition, action, (a) => ({ ...a, required: action.value }));
    case 'setAttributeType':
      return editAttribute(definition, action, (a) => convertAttribute(a, action.attrType));
    case 'setOptions':
      return editAttribute(definition, action, (a) =>
        a.type === 'enum' ? { ...a, options: [...action.options] } : a,
      );
    case 'setNumberBound':
      return editAttribute(definition, action, (a) => setNumberField(a, action.field, action.value));
    case 'setInteger':
      return editAttribute(definition, action, (a) =>
        a.type === 'number' ? { ...a, integer: action.value } : a,
      );
    case 'setMaxLength':
      return editAttribute(definition, action, (a) => {
        if (a.type !== 'text') return a;
        const { max_length: _old, ...rest } = a;
        return action.value === null ? rest : { ...rest, max_length: action.value };
      });
    case 'setGuidelines':
      return { ...definition, guidelines: action.text };
    default:
      return undefined;
  }
}

function migrationEdit(migration: Migration, action: DraftAction): Migration | undefined {
  switch (action.type) {
    case 'addMigrationOp':
      return [...migration, action.op];
    case 'setMigrationOp':
      return replaceAt(migration, action.index, () => action.op);
    case 'removeMigrationOp':
      return migration.filter((_, i) => i !== action.index);
    default:
      return undefined;
  }
}

export function draftReducer(state: DraftState, action: DraftAction): DraftState {
  if (action.type === 'load') return initialDraft(action.definition, action.migration);
  if (action.type === 'serverErrors') return { ...state, serverErrors: action.errors };
  const reshaped = structural(state.definition, action);
  if (reshaped !== undefined) return { ...state, definition: reshaped, dirty: true, serverErrors: [] };
  const edited = fieldEdit(state.definition, action);
  const serverErrors = withoutEdited(state.serverErrors, action);
  if (edited !== undefined) return { ...state, definition: edited, dirty: true, serverErrors };
  const migration = migrationEdit(state.migration, action);
  if (migration !== undefined) {
    const shifted = action.type === 'removeMigrationOp';
    return { ...state, migration, dirty: true, serverErrors: shifted ? [] : serverErrors };
  }
  return state;
}
