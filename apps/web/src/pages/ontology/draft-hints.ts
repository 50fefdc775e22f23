import type {
  AttributeDef,
  Migration,
  MigrationOp,
  OntologyClass,
  OntologyDefinition,
} from '@tessera/schema';
import { type FieldMessage, pointer } from './field-messages';

/** The server's OntologyKey and Color patterns (packages/schema), checked before a save. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;
const MAX_GUIDELINES = 1_000_000;

function keyHint(at: string, key: string, what: string): FieldMessage[] {
  if (key === '') return [{ pointer: at, message: `${what} id is required` }];
  if (key.length > 64) return [{ pointer: at, message: `${what} id is longer than 64 characters` }];
  if (!KEY.test(key)) {
    return [
      {
        pointer: at,
        message: `${what} id: start with a letter or digit; then letters, digits, _ . - only`,
      },
    ];
  }
  return [];
}

function nameHint(at: string, name: string): FieldMessage[] {
  if (name.trim() === '') return [{ pointer: at, message: 'name is required' }];
  if (name.length > 200) return [{ pointer: at, message: 'name is longer than 200 characters' }];
  return [];
}

function duplicateHints(ids: readonly string[], at: (index: number) => string, what: string): FieldMessage[] {
  const first = new Map<string, number>();
  const out: FieldMessage[] = [];
  ids.forEach((id, i) => {
    const seen = first.get(id);
    if (seen === undefined) first.set(id, i);
    else if (id !== '')
      out.push({ pointer: at(i), message: `${what} id "${id}" is already used (row ${seen + 1})` });
  });
  return out;
}

function typeHints(def: AttributeDef, base: string): FieldMessage[] {
  switch (def.type) {
    case 'enum': {
      const at = pointer(base, 'options');
      if (def.options.length === 0) return [{ pointer: at, message: 'list at least one option' }];
      const out: FieldMessage[] = [];
      def.options.forEach((option, k) => {
        if (option.trim() === '') out.push({ pointer: pointer(at, k), message: 'an option is empty' });
        else if (def.options.indexOf(option) !== k)
          out.push({ pointer: pointer(at, k), message: `option "${option}" is repeated` });
      });
      return out;
    }
    case 'number': {
      const { min, max } = def;
      if (min === undefined || max === undefined) return [];
      if (min > max) return [{ pointer: pointer(base, 'min'), message: 'min must not exceed max' }];
      if (def.integer === true && Math.ceil(min) > Math.floor(max))
        return [{ pointer: pointer(base, 'max'), message: 'no integer lies between min and max' }];
      return [];
    }
    case 'text':
      return def.max_length !== undefined && (!Number.isInteger(def.max_length) || def.max_length < 1)
        ? [{ pointer: pointer(base, 'max_length'), message: 'max length is a whole number ≥ 1' }]
        : [];
    case 'boolean':
      return [];
  }
}

function attributeHints(defs: readonly AttributeDef[], base: string): FieldMessage[] {
  const out: FieldMessage[] = [];
  defs.forEach((def, j) => {
    const at = pointer(base, j);
    out.push(...keyHint(pointer(at, 'id'), def.id, 'attribute'));
    out.push(...nameHint(pointer(at, 'name'), def.name));
    out.push(...typeHints(def, at));
  });
  out.push(
    ...duplicateHints(
      defs.map((d) => d.id),
      (j) => pointer(base, j, 'id'),
      'attribute',
    ),
  );
  if (defs.length > 100) out.push({ pointer: base, message: 'at most 100 attributes' });
  return out;
}

function classHints(cls: OntologyClass, index: number): FieldMessage[] {
  const at = pointer('/definition/classes', index);
  const out = [...keyHint(pointer(at, 'id'), cls.id, 'class'), ...nameHint(pointer(at, 'name'), cls.name)];
  if (!COLOR.test(cls.color)) out.push({ pointer: pointer(at, 'color'), message: 'color must be #rrggbb' });
  if (cls.geometries.length === 0)
    out.push({ pointer: pointer(at, 'geometries'), message: 'allow at least one geometry' });
  out.push(...attributeHints(cls.attributes, pointer(at, 'attributes')));
  return out;
}

/** Checks one op against the class ids labels may carry so far and the new version's class ids. */
function opHints(op: MigrationOp, at: string, sources: Set<string>, targets: ReadonlySet<string>) {
  const out: FieldMessage[] = [];
  const source = (id: string, ...where: (string | number)[]) => {
    if (!sources.has(id))
      out.push({ pointer: pointer(at, ...where), message: `"${id}" is not a class of the previous version` });
  };
  const target = (id: string, ...where: (string | number)[]) => {
    if (!targets.has(id))
      out.push({ pointer: pointer(at, ...where), message: `"${id}" is not a class of this version` });
  };
  switch (op.op) {
    case 'rename_class':
      source(op.from, 'from');
      target(op.to, 'to');
      sources.add(op.to);
      break;
    case 'merge_classes':
      if (op.from.length === 0) out.push({ pointer: pointer(at, 'from'), message: 'pick classes to merge' });
      for (const [k, id] of op.from.entries()) source(id, 'from', k);
      target(op.into, 'into');
      sources.add(op.into);
      break;
    case 'split_class':
      source(op.from, 'from');
      if (op.attribute === '') out.push({ pointer: pointer(at, 'attribute'), message: 'pick an attribute' });
      for (const [key, id] of Object.entries(op.mapping)) target(id, 'mapping', key);
      target(op.default, 'default');
      for (const id of [...Object.values(op.mapping), op.default]) sources.add(id);
      break;
    case 'delete_class':
      source(op.class_id, 'class_id');
      if (op.remap_to !== null) {
        target(op.remap_to, 'remap_to');
        sources.add(op.remap_to);
      }
      break;
    case 'rename_attribute':
      if (op.class_id !== null) source(op.class_id, 'class_id');
      out.push(...keyHint(pointer(at, 'from'), op.from, 'attribute'));
      out.push(...keyHint(pointer(at, 'to'), op.to, 'attribute'));
      break;
  }
  return out;
}

function migrationHints(
  migration: Migration,
  previous: OntologyDefinition | null,
  next: OntologyDefinition,
): FieldMessage[] {
  if (migration.length === 0) return [];
  if (previous === null)
    return [{ pointer: '/migration', message: 'the first version has nothing to migrate' }];
  const sources = new Set(previous.classes.map((c) => c.id));
  const targets = new Set(next.classes.map((c) => c.id));
  return migration.flatMap((op, i) => opHints(op, pointer('/migration', i), sources, targets));
}

/**
 * What the server would refuse, found before saving: ids (pattern, duplicates), names, colors, geometries,
 * enum options, number ranges, text limits, and migration ops naming classes that do not exist. Pointers use
 * the request body's shape (`/definition/classes/0/id`, `/migration/1/to`), like the server's field errors.
 * The server stays the authority; these are hints.
 */
export function draftHints(
  draft: { readonly definition: OntologyDefinition; readonly migration: Migration },
  previous: OntologyDefinition | null,
): FieldMessage[] {
  const { definition } = draft;
  const out = definition.classes.flatMap(classHints);
  out.push(
    ...duplicateHints(
      definition.classes.map((c) => c.id),
      (i) => pointer('/definition/classes', i, 'id'),
      'class',
    ),
  );
  out.push(...attributeHints(definition.global_attributes, '/definition/global_attributes'));
  if (definition.guidelines.length > MAX_GUIDELINES)
    out.push({
      pointer: '/definition/guidelines',
      message: 'guidelines are longer than 1,000,000 characters',
    });
  out.push(...migrationHints(draft.migration, previous, definition));
  return out;
}
