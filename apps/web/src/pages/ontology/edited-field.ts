import { type FieldMessage, pointer } from './field-messages';
import type { AttributeOwner, DraftAction } from './ontology-draft';

const attributeBase = (owner: AttributeOwner, attr: number): string =>
  owner.kind === 'global'
    ? pointer('/definition/global_attributes', attr)
    : pointer('/definition/classes', owner.index, 'attributes', attr);

/**
 * The fields an in-place edit touches, as JSON Pointers into the request body: the server's messages about
 * them are out of date once the person has changed them. Range checks name `min` or `max`, so editing either
 * bound (or `integer`) touches both.
 */
export function editedPointers(action: DraftAction): readonly string[] {
  switch (action.type) {
    case 'setClassText':
      return [pointer('/definition/classes', action.index, action.field)];
    case 'toggleGeometry':
    case 'setAllowOverlap':
      return [pointer('/definition/classes', action.index, 'geometries')];
    case 'setAttributeText':
      return [pointer(attributeBase(action.owner, action.attr), action.field)];
    case 'setAttributeRequired':
      return [pointer(attributeBase(action.owner, action.attr), 'required')];
    case 'setAttributeType':
      return [attributeBase(action.owner, action.attr)];
    case 'setOptions':
      return [pointer(attributeBase(action.owner, action.attr), 'options')];
    case 'setNumberBound':
    case 'setInteger': {
      const base = attributeBase(action.owner, action.attr);
      return [pointer(base, 'min'), pointer(base, 'max')];
    }
    case 'setMaxLength':
      return [pointer(attributeBase(action.owner, action.attr), 'max_length')];
    case 'setGuidelines':
      return ['/definition/guidelines'];
    case 'setMigrationOp':
      return [pointer('/migration', action.index)];
    default:
      return [];
  }
}

/** `errors` without those about a field `action` edits (the field itself and anything inside it). */
export function withoutEdited(errors: readonly FieldMessage[], action: DraftAction): readonly FieldMessage[] {
  const touched = editedPointers(action);
  if (touched.length === 0 || errors.length === 0) return errors;
  const stale = (p: string) => touched.some((t) => p === t || p.startsWith(`${t}/`));
  const kept = errors.filter((e) => !stale(e.pointer));
  return kept.length === errors.length ? errors : kept;
}
