import type { AttributeDef, AttributeValues } from '@tessera/schema';

type Value = AttributeValues[string];

function Field(props: {
  readonly def: AttributeDef;
  readonly value: Value | undefined;
  readonly disabled: boolean;
  readonly onChange: (value: Value | undefined) => void;
}) {
  const { def, value, disabled, onChange } = props;
  const id = `attr-${def.id}`;
  switch (def.type) {
    case 'enum':
      return (
        <select
          id={id}
          disabled={disabled}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value || undefined)}
        >
          <option value="">—</option>
          {def.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'boolean':
      return (
        <input
          id={id}
          type="checkbox"
          disabled={disabled}
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'number':
      return (
        <input
          id={id}
          type="number"
          disabled={disabled}
          min={def.min}
          max={def.max}
          step={def.integer ? 1 : 'any'}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      );
    case 'text':
      return (
        <input
          id={id}
          type="text"
          disabled={disabled}
          maxLength={def.max_length}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      );
  }
}

/**
 * The attributes of one object, span, classification or the whole item, as the pinned ontology defines them.
 * Required ones are starred; `missing` (ids) are outlined, so the annotator sees what blocks the submit.
 */
export function AttributesForm(props: {
  readonly defs: readonly AttributeDef[];
  readonly values: AttributeValues;
  readonly onChange: (next: AttributeValues) => void;
  readonly missing?: readonly string[];
  readonly disabled?: boolean;
}) {
  const set = (id: string, value: Value | undefined) => {
    const next: Record<string, Value> = { ...props.values };
    if (value === undefined) delete next[id];
    else next[id] = value;
    props.onChange(next);
  };
  if (props.defs.length === 0) return null;
  return (
    <div className="attributes" data-testid="attributes-form">
      {props.defs.map((def) => (
        <label
          key={def.id}
          htmlFor={`attr-${def.id}`}
          className={props.missing?.includes(def.id) ? 'attribute missing' : 'attribute'}
          data-testid={`attribute-${def.id}`}
        >
          <span>
            {def.name}
            {def.required ? ' *' : ''}
          </span>
          <Field
            def={def}
            value={props.values[def.id]}
            disabled={props.disabled ?? false}
            onChange={(v) => set(def.id, v)}
          />
        </label>
      ))}
    </div>
  );
}
