import type { AttributeValues } from '@tessera/schema';
import type { IssueSink } from './issue-sink';
import { pointer } from './json-pointer';
import type { AttributeIndex, AttributeRule } from './ontology-index';

type AttributeValue = AttributeValues[string];

/**
 * Checks attribute values against their definitions: `missing_attribute` for an absent required attribute and
 * `unknown_attribute` for an undefined key (both at `base/<key>`), `invalid_attribute_value` for a wrong type,
 * an enum value outside the options, a non-integer for an integer attribute or a text longer than
 * `max_length` (UTF-16 code units), and `out_of_range` for a number below `min` or above `max` (inclusive).
 */
export function checkAttributes(
  values: AttributeValues,
  rules: AttributeIndex,
  base: string,
  sink: IssueSink,
): void {
  for (const rule of rules.list) {
    if (rule.def.required && !Object.hasOwn(values, rule.def.id)) {
      sink.add(
        pointer(base, rule.def.id),
        'missing_attribute',
        `required attribute "${rule.def.id}" is missing`,
      );
    }
  }
  for (const key of Object.keys(values)) {
    const rule = rules.byId.get(key);
    if (rule === undefined)
      sink.add(pointer(base, key), 'unknown_attribute', `attribute "${key}" is not defined here`);
    else checkValue(values[key], rule, base, sink);
  }
}

function checkValue(
  value: AttributeValue | undefined,
  rule: AttributeRule,
  base: string,
  sink: IssueSink,
): void {
  const def = rule.def;
  const fail = (code: string, message: string): void => sink.add(pointer(base, def.id), code, message);
  switch (def.type) {
    case 'enum':
      if (typeof value !== 'string' || rule.options?.has(value) !== true) {
        fail('invalid_attribute_value', `must be one of the options of "${def.id}"`);
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('invalid_attribute_value', 'must be a boolean');
      return;
    case 'text':
      if (typeof value !== 'string') fail('invalid_attribute_value', 'must be a string');
      else if (def.max_length !== undefined && value.length > def.max_length) {
        fail('invalid_attribute_value', `must be at most ${def.max_length} characters`);
      }
      return;
    case 'number':
      checkNumber(value, def, fail);
      return;
  }
}

function checkNumber(
  value: AttributeValue | undefined,
  def: { readonly min?: number; readonly max?: number; readonly integer?: boolean },
  fail: (code: string, message: string) => void,
): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail('invalid_attribute_value', 'must be a finite number');
  } else if (def.integer === true && !Number.isInteger(value)) {
    fail('invalid_attribute_value', 'must be an integer');
  } else if (def.min !== undefined && value < def.min) {
    fail('out_of_range', `must be at least ${def.min}`);
  } else if (def.max !== undefined && value > def.max) {
    fail('out_of_range', `must be at most ${def.max}`);
  }
}
