import type { AttributeDef } from '@tessera/schema';
import type { Dispatch } from 'react';
import { type FieldMessage, messagesAt, pointer } from './field-messages';
import { FieldNote } from './field-note';
import { ATTRIBUTE_TYPES, type AttributeOwner, type AttributeType, type DraftAction } from './ontology-draft';
import { OptionsInput } from './options-input';
import { RowTools } from './row-tools';

export interface AttributeRowProps {
  readonly owner: AttributeOwner;
  readonly index: number;
  readonly count: number;
  readonly def: AttributeDef;
  /** JSON Pointer of this attribute in the request body. */
  readonly at: string;
  readonly messages: readonly FieldMessage[];
  /** `attr-id-2-0` for class attributes, `global-attr-id-0` for global ones. */
  readonly testId: (field: string) => string;
  readonly dispatch: Dispatch<DraftAction>;
}

const TYPE_HELP: Readonly<Record<AttributeType, string>> = {
  enum: 'one of a list',
  boolean: 'yes / no',
  number: 'a number',
  text: 'free text',
};

const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text));

function NumberFields(
  props: AttributeRowProps & { readonly def: Extract<AttributeDef, { type: 'number' }> },
) {
  const { def, owner, index: attr, at, messages, testId, dispatch } = props;
  const ref = { owner, attr };
  return (
    <span className="row ont-field">
      {(['min', 'max'] as const).map((field) => (
        <span key={field} className="ont-field">
          <input
            type="number"
            step="any"
            className="ont-num"
            aria-label={field}
            placeholder={field}
            data-testid={testId(field)}
            value={def[field] ?? ''}
            onChange={(e) =>
              dispatch({ type: 'setNumberBound', ...ref, field, value: numberOrNull(e.target.value) })
            }
          />
          <FieldNote messages={messages} at={pointer(at, field)} />
        </span>
      ))}
      <label className="ont-inline">
        <input
          type="checkbox"
          data-testid={testId('integer')}
          checked={def.integer === true}
          onChange={(e) => dispatch({ type: 'setInteger', ...ref, value: e.target.checked })}
        />
        whole numbers
      </label>
    </span>
  );
}

function TypeFields(props: AttributeRowProps) {
  const { def, owner, index: attr, at, messages, testId, dispatch } = props;
  const ref = { owner, attr };
  switch (def.type) {
    case 'enum':
      return (
        <span className="ont-field ont-grow">
          <OptionsInput
            options={def.options}
            testId={testId('options')}
            invalid={messagesAt(messages, pointer(at, 'options'), true).length > 0}
            onChange={(options) => dispatch({ type: 'setOptions', ...ref, options })}
          />
          <FieldNote messages={messages} at={pointer(at, 'options')} nested />
        </span>
      );
    case 'number':
      return <NumberFields {...props} def={def} />;
    case 'text':
      return (
        <span className="ont-field">
          <input
            type="number"
            min={1}
            step={1}
            className="ont-num"
            aria-label="Max length"
            placeholder="max length"
            data-testid={testId('maxlength')}
            value={def.max_length ?? ''}
            onChange={(e) => dispatch({ type: 'setMaxLength', ...ref, value: numberOrNull(e.target.value) })}
          />
          <FieldNote messages={messages} at={pointer(at, 'max_length')} />
        </span>
      );
    case 'boolean':
      return null;
  }
}

/** One attribute: id, name, type, required, and the fields of its type. */
export function AttributeEditor(props: AttributeRowProps) {
  const { def, owner, index: attr, count, at, messages, testId, dispatch } = props;
  const ref = { owner, attr };
  return (
    <div className="ont-attr row" data-testid={testId('row')}>
      <span className="ont-field">
        <input
          className="ont-key"
          aria-label="Attribute id"
          placeholder="id"
          data-testid={testId('id')}
          value={def.id}
          onChange={(e) => dispatch({ type: 'setAttributeText', ...ref, field: 'id', value: e.target.value })}
        />
        <FieldNote messages={messages} at={pointer(at, 'id')} />
      </span>
      <span className="ont-field">
        <input
          aria-label="Attribute name"
          placeholder="name"
          data-testid={testId('name')}
          value={def.name}
          onChange={(e) =>
            dispatch({ type: 'setAttributeText', ...ref, field: 'name', value: e.target.value })
          }
        />
        <FieldNote messages={messages} at={pointer(at, 'name')} />
      </span>
      <select
        aria-label="Attribute type"
        data-testid={testId('type')}
        value={def.type}
        onChange={(e) =>
          dispatch({ type: 'setAttributeType', ...ref, attrType: e.target.value as AttributeType })
        }
      >
        {ATTRIBUTE_TYPES.map((t) => (
          <option key={t} value={t}>
            {t} ({TYPE_HELP[t]})
          </option>
        ))}
      </select>
      <label className="ont-inline">
        <input
          type="checkbox"
          data-testid={testId('required')}
          checked={def.required}
          onChange={(e) => dispatch({ type: 'setAttributeRequired', ...ref, value: e.target.checked })}
        />
        required
      </label>
      <TypeFields {...props} />
      <RowTools
        index={attr}
        count={count}
        noun={`attribute ${def.id}`}
        testIdPrefix={(action) => testId(action)}
        removeLabel="✕"
        onMove={(to) => dispatch({ type: 'moveAttribute', ...ref, to })}
        onRemove={() => dispatch({ type: 'removeAttribute', ...ref })}
      />
    </div>
  );
}

/** The attributes of one owner (a class or the global list) with an add button. */
export function AttributeList(props: {
  readonly owner: AttributeOwner;
  readonly attributes: readonly AttributeDef[];
  readonly base: string;
  readonly messages: readonly FieldMessage[];
  readonly testId: (field: string, attr: number) => string;
  readonly addTestId: string;
  readonly dispatch: Dispatch<DraftAction>;
}) {
  const { owner, attributes, base, messages, testId, dispatch } = props;
  return (
    <div className="ont-attrs">
      {attributes.map((def, j) => (
        <AttributeEditor
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the list; ids are edited in place
          key={j}
          owner={owner}
          index={j}
          count={attributes.length}
          def={def}
          at={pointer(base, j)}
          messages={messages}
          testId={(field) => testId(field, j)}
          dispatch={dispatch}
        />
      ))}
      <FieldNote messages={messages} at={base} />
      <button
        type="button"
        data-testid={props.addTestId}
        onClick={() => dispatch({ type: 'addAttribute', owner })}
      >
        + Attribute
      </button>
    </div>
  );
}
