import {
  type AttributeDef,
  type FieldIssue,
  type OntologyDefinition,
  ontologyDefinitionValidator,
  type Validation,
} from '@tessera/schema';
import { pointer } from './json-pointer';

/**
 * Validates an ontology definition: the schema first (code `invalid`; keys, colors, geometry kinds), then the
 * semantic rules, each reported at the later occurrence:
 * - `duplicate_id`: class ids (`/classes/3/id`), attribute ids within one class
 *   (`/classes/0/attributes/2/id`) and among the global attributes (`/global_attributes/1/id`). A class
 *   attribute may share its id with a global attribute: they live in different places of a payload.
 * - `duplicate_option`: an enum option listed twice (`/classes/0/attributes/1/options/4`).
 * - `invalid_range`: a number attribute with `min > max` (at `.../min`), or an integer attribute whose
 *   [min, max] contains no integer (at `.../max`).
 */
export function validateOntologyDefinition(value: unknown): Validation<OntologyDefinition> {
  const structural = ontologyDefinitionValidator.validate(value);
  if (!structural.ok) return structural;
  const definition = structural.value;
  const issues: FieldIssue[] = [];
  const classIds = new Map<string, number>();
  definition.classes.forEach((cls, i) => {
    const first = classIds.get(cls.id);
    if (first === undefined) classIds.set(cls.id, i);
    else
      issues.push(
        duplicate(pointer('/classes', i, 'id'), `class id "${cls.id}" is used by /classes/${first}`),
      );
    issues.push(...checkAttributeDefs(cls.attributes, pointer('/classes', i, 'attributes')));
  });
  issues.push(...checkAttributeDefs(definition.global_attributes, '/global_attributes'));
  return issues.length === 0 ? { ok: true, value: definition } : { ok: false, issues };
}

function checkAttributeDefs(defs: readonly AttributeDef[], base: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const ids = new Map<string, number>();
  defs.forEach((def, j) => {
    const first = ids.get(def.id);
    if (first === undefined) ids.set(def.id, j);
    else
      issues.push(duplicate(pointer(base, j, 'id'), `attribute id "${def.id}" is used by ${base}/${first}`));
    if (def.type === 'enum') issues.push(...checkOptions(def.options, pointer(base, j, 'options')));
    if (def.type === 'number') issues.push(...checkRange(def, pointer(base, j)));
  });
  return issues;
}

function checkOptions(options: readonly string[], base: string): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  options.forEach((option, k) => {
    if (seen.has(option)) {
      issues.push({
        path: pointer(base, k),
        code: 'duplicate_option',
        message: `option "${option}" is repeated`,
      });
    }
    seen.add(option);
  });
  return issues;
}

function checkRange(
  def: { readonly min?: number; readonly max?: number; readonly integer?: boolean },
  base: string,
): FieldIssue[] {
  const { min, max } = def;
  if (min === undefined || max === undefined) return [];
  if (min > max)
    return [{ path: pointer(base, 'min'), code: 'invalid_range', message: 'min must not exceed max' }];
  if (def.integer === true && Math.ceil(min) > Math.floor(max)) {
    return [
      { path: pointer(base, 'max'), code: 'invalid_range', message: 'no integer lies between min and max' },
    ];
  }
  return [];
}

function duplicate(path: string, message: string): FieldIssue {
  return { path, code: 'duplicate_id', message };
}
