import type { AttributeDef, AttributeValues } from '@tessera/schema';
import { attributeValueProblem } from '../required-attributes';

type Value = AttributeValues[string];

/**
 * The attribute values a label keeps when it moves to a class with `defs`: those the new class defines under
 * the same id and whose value is valid there. The rest would make the submit fail as unknown or invalid.
 */
export function carryAttributes(values: AttributeValues, defs: readonly AttributeDef[]): AttributeValues {
  const kept: Record<string, Value> = {};
  for (const def of defs) {
    if (!Object.hasOwn(values, def.id) || Object.hasOwn(kept, def.id)) continue;
    const value = values[def.id]!;
    if (attributeValueProblem(def, value) === null) kept[def.id] = value;
  }
  return kept;
}
