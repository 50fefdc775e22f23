import {
  type FieldIssue,
  type Migration,
  type MigrationOp,
  migrationValidator,
  type OntologyDefinition,
} from '@tessera/schema';
import { pointer } from './json-pointer';

/** What labels may look like after some ops: class id → attribute keys those labels may carry. */
interface LabelState {
  readonly classes: Map<string, Set<string>>;
  readonly globals: Set<string>;
}

interface Target {
  readonly classes: ReadonlyMap<string, ReadonlySet<string>>;
  readonly globals: ReadonlySet<string>;
}

/**
 * Checks that a migration fits the two ontology versions it connects; paths are `/migration/<i>/<field>`.
 * Sources are resolved against labels as they stand after the earlier ops: a class exists in `previous` or
 * is produced by an earlier op (its labels keep the attribute keys they came with). Targets must exist in
 * `next`. Codes: `unknown_class`, `unknown_attribute`; a structurally invalid list yields `invalid` issues.
 * A class attribute rename is checked against `next` only when its class exists in `next` (otherwise a
 * later op is expected to relabel those labels).
 */
export function validateMigration(
  previous: OntologyDefinition,
  next: OntologyDefinition,
  ops: Migration,
): FieldIssue[] {
  const structural = migrationValidator.validate(ops);
  if (!structural.ok) {
    return structural.issues.map((i) => ({
      ...i,
      path: i.path === '/' ? '/migration' : `/migration${i.path}`,
    }));
  }
  const state: LabelState = {
    classes: new Map(previous.classes.map((c) => [c.id, new Set(c.attributes.map((a) => a.id))])),
    globals: new Set(previous.global_attributes.map((a) => a.id)),
  };
  const target: Target = {
    classes: new Map(next.classes.map((c) => [c.id, new Set(c.attributes.map((a) => a.id))])),
    globals: new Set(next.global_attributes.map((a) => a.id)),
  };
  const issues: FieldIssue[] = [];
  ops.forEach((op, i) => {
    issues.push(...checkOp(op, pointer('/migration', i), state, target));
    applyToState(op, state);
  });
  return issues;
}

function checkOp(op: MigrationOp, base: string, state: LabelState, target: Target): FieldIssue[] {
  const source = (id: string, ...at: (string | number)[]): FieldIssue[] =>
    state.classes.has(id)
      ? []
      : [unknownClass(pointer(base, ...at), id, 'is not a class of the previous version')];
  const dest = (id: string, ...at: (string | number)[]): FieldIssue[] =>
    target.classes.has(id)
      ? []
      : [unknownClass(pointer(base, ...at), id, 'is not a class of the new version')];
  switch (op.op) {
    case 'rename_class':
      return [...source(op.from, 'from'), ...dest(op.to, 'to')];
    case 'merge_classes':
      return [...op.from.flatMap((id, k) => source(id, 'from', k)), ...dest(op.into, 'into')];
    case 'split_class':
      return [
        ...source(op.from, 'from'),
        ...checkSplitAttribute(op.from, op.attribute, base, state),
        ...Object.entries(op.mapping).flatMap(([key, id]) => dest(id, 'mapping', key)),
        ...dest(op.default, 'default'),
      ];
    case 'delete_class':
      return [
        ...source(op.class_id, 'class_id'),
        ...(op.remap_to === null ? [] : dest(op.remap_to, 'remap_to')),
      ];
    case 'rename_attribute':
      return checkRenameAttribute(op, base, state, target);
  }
}

function checkSplitAttribute(
  classId: string,
  attribute: string,
  base: string,
  state: LabelState,
): FieldIssue[] {
  const keys = state.classes.get(classId);
  if (keys === undefined || keys.has(attribute)) return [];
  return [
    unknownAttribute(pointer(base, 'attribute'), attribute, `is not an attribute of class "${classId}"`),
  ];
}

type RenameAttributeOp = Extract<MigrationOp, { op: 'rename_attribute' }>;

function checkRenameAttribute(
  op: RenameAttributeOp,
  base: string,
  state: LabelState,
  target: Target,
): FieldIssue[] {
  if (op.class_id === null) {
    return [
      ...(state.globals.has(op.from)
        ? []
        : [unknownAttribute(pointer(base, 'from'), op.from, 'is not global')]),
      ...(target.globals.has(op.to)
        ? []
        : [unknownAttribute(pointer(base, 'to'), op.to, 'is not global in the new version')]),
    ];
  }
  const keys = state.classes.get(op.class_id);
  if (keys === undefined) {
    return [unknownClass(pointer(base, 'class_id'), op.class_id, 'is not a class of the previous version')];
  }
  const issues: FieldIssue[] = [];
  if (!keys.has(op.from)) {
    issues.push(
      unknownAttribute(pointer(base, 'from'), op.from, `is not an attribute of class "${op.class_id}"`),
    );
  }
  const nextKeys = target.classes.get(op.class_id);
  if (nextKeys !== undefined && !nextKeys.has(op.to)) {
    issues.push(
      unknownAttribute(pointer(base, 'to'), op.to, `is not an attribute of class "${op.class_id}" in next`),
    );
  }
  return issues;
}

/** Records which classes (and attribute keys) labels may have once `op` has run. */
function applyToState(op: MigrationOp, state: LabelState): void {
  const flow = (from: string, into: string, drop?: string): void => {
    const keys = new Set(state.classes.get(from) ?? []);
    if (drop !== undefined) keys.delete(drop);
    const existing = state.classes.get(into);
    state.classes.set(into, existing === undefined ? keys : new Set([...existing, ...keys]));
  };
  switch (op.op) {
    case 'rename_class':
      flow(op.from, op.to);
      return;
    case 'merge_classes':
      for (const id of op.from) flow(id, op.into);
      return;
    case 'split_class': {
      const drop = op.drop_attribute === false ? undefined : op.attribute;
      for (const id of [...Object.values(op.mapping), op.default]) flow(op.from, id, drop);
      return;
    }
    case 'delete_class':
      if (op.remap_to !== null) flow(op.class_id, op.remap_to);
      return;
    case 'rename_attribute':
      renameInState(op, state);
      return;
  }
}

function renameInState(op: RenameAttributeOp, state: LabelState): void {
  const keys = op.class_id === null ? state.globals : state.classes.get(op.class_id);
  if (keys === undefined || !keys.delete(op.from)) return;
  keys.add(op.to);
}

function unknownClass(path: string, id: string, why: string): FieldIssue {
  return { path, code: 'unknown_class', message: `class "${id}" ${why}` };
}

function unknownAttribute(path: string, id: string, why: string): FieldIssue {
  return { path, code: 'unknown_attribute', message: `attribute "${id}" ${why}` };
}
