import type { AttributeDef, MigrationOp, OntologyDefinition } from '@tessera/schema';

export type MigrationOpKind = MigrationOp['op'];

export const MIGRATION_OP_KINDS: readonly { readonly kind: MigrationOpKind; readonly label: string }[] = [
  { kind: 'rename_class', label: 'Rename class' },
  { kind: 'merge_classes', label: 'Merge classes' },
  { kind: 'split_class', label: 'Split class by attribute' },
  { kind: 'delete_class', label: 'Delete class' },
  { kind: 'rename_attribute', label: 'Rename attribute' },
];

/** The two versions a migration connects: labels made under `previous` are rewritten for `next`. */
export interface MigrationContext {
  readonly previous: OntologyDefinition;
  readonly next: OntologyDefinition;
}

const classIds = (def: OntologyDefinition): string[] => def.classes.map((c) => c.id);

/** Attributes of a class (or the global ones for `null`); empty when the class does not exist. */
export function attributesOf(def: OntologyDefinition, classId: string | null): readonly AttributeDef[] {
  if (classId === null) return def.global_attributes;
  return def.classes.find((c) => c.id === classId)?.attributes ?? [];
}

/** The values a split can map: an enum's options, a boolean's `true`/`false`; none for free values. */
export function splitValues(def: OntologyDefinition, classId: string, attribute: string): string[] {
  const attr = attributesOf(def, classId).find((a) => a.id === attribute);
  if (attr?.type === 'enum') return [...attr.options];
  if (attr?.type === 'boolean') return ['true', 'false'];
  return [];
}

/** A split of `from` by `attribute`, mapping each known value to the new class with the same id, if any. */
export function splitTemplate(
  ctx: MigrationContext,
  from: string,
  attribute: string,
): Extract<MigrationOp, { op: 'split_class' }> {
  const targets = new Set(classIds(ctx.next));
  const mapping: Record<string, string> = {};
  for (const value of splitValues(ctx.previous, from, attribute)) {
    if (targets.has(value)) mapping[value] = value;
  }
  const fallback = targets.has(from) ? from : (classIds(ctx.next)[0] ?? '');
  return { op: 'split_class', from, attribute, mapping, default: fallback };
}

/** Previous-version classes missing from the next version: the likely subjects of an op. */
function goneClasses(ctx: MigrationContext): string[] {
  const next = new Set(classIds(ctx.next));
  return classIds(ctx.previous).filter((id) => !next.has(id));
}

/** Next-version classes new in it: the likely targets of an op. */
function newClasses(ctx: MigrationContext): string[] {
  const previous = new Set(classIds(ctx.previous));
  return classIds(ctx.next).filter((id) => !previous.has(id));
}

/** A new op of `kind`, prefilled from what changed between the versions (removed → added classes). */
export function newMigrationOp(kind: MigrationOpKind, ctx: MigrationContext): MigrationOp {
  const source = goneClasses(ctx)[0] ?? classIds(ctx.previous)[0] ?? '';
  const target = newClasses(ctx)[0] ?? classIds(ctx.next)[0] ?? '';
  switch (kind) {
    case 'rename_class':
      return { op: kind, from: source, to: target };
    case 'merge_classes':
      return { op: kind, from: source === '' ? [] : [source], into: target };
    case 'split_class': {
      const attribute = attributesOf(ctx.previous, source)[0]?.id ?? '';
      return splitTemplate(ctx, source, attribute);
    }
    case 'delete_class':
      return { op: kind, class_id: source, remap_to: null };
    case 'rename_attribute': {
      const classId = ctx.previous.classes[0]?.id ?? null;
      const from = attributesOf(ctx.previous, classId)[0]?.id ?? '';
      const to = attributesOf(ctx.next, classId)[0]?.id ?? '';
      return { op: kind, class_id: classId, from, to };
    }
  }
}

/** One line per op, for read-only versions and the confirmation before apply. */
export function describeMigrationOp(op: MigrationOp): string {
  switch (op.op) {
    case 'rename_class':
      return `rename class ${op.from} → ${op.to}`;
    case 'merge_classes':
      return `merge ${op.from.join(', ')} into ${op.into}`;
    case 'split_class': {
      const pairs = Object.entries(op.mapping).map(([value, id]) => `${value} → ${id}`);
      const mapped = pairs.length > 0 ? pairs.join(', ') : 'no values mapped';
      const drop = op.drop_attribute === false ? ', keep attribute' : '';
      return `split ${op.from} by ${op.attribute} (${mapped}; otherwise ${op.default}${drop})`;
    }
    case 'delete_class':
      return op.remap_to === null
        ? `delete class ${op.class_id} (remove its objects)`
        : `delete class ${op.class_id} (relabel as ${op.remap_to})`;
    case 'rename_attribute':
      return `rename attribute ${op.class_id === null ? 'global' : op.class_id}.${op.from} → ${op.to}`;
  }
}
