import { GEOMETRY_KINDS, type OntologyClass } from '@tessera/schema';
import { type Dispatch, memo } from 'react';
import { AttributeList } from './attribute-editor';
import { type FieldMessage, pointer, sameMessages } from './field-messages';
import { FieldNote } from './field-note';
import type { DraftAction } from './ontology-draft';
import { RowTools } from './row-tools';

interface ClassEditorProps {
  readonly index: number;
  readonly count: number;
  readonly cls: OntologyClass;
  /** Only the messages under this class (so unchanged rows skip re-rendering). */
  readonly messages: readonly FieldMessage[];
  readonly dispatch: Dispatch<DraftAction>;
}

const GEOMETRY_HELP: Readonly<Record<(typeof GEOMETRY_KINDS)[number], string>> = {
  box: 'bounding box',
  polygon: 'polygon outline',
  point: 'keypoint',
  span: 'text span / time interval',
  classification: 'whole-item label',
};

function ClassHeader(props: ClassEditorProps) {
  const { index, count, cls, messages, dispatch } = props;
  const at = pointer('/definition/classes', index);
  const text = (field: 'id' | 'name' | 'color', value: string) =>
    dispatch({ type: 'setClassText', index, field, value });
  return (
    <div className="row ont-class-head">
      <span className="ont-field">
        <input
          className="ont-key"
          aria-label="Class id"
          placeholder="id"
          data-testid={`class-id-${index}`}
          value={cls.id}
          onChange={(e) => text('id', e.target.value)}
        />
        <FieldNote messages={messages} at={pointer(at, 'id')} />
      </span>
      <span className="ont-field">
        <input
          aria-label="Class name"
          placeholder="name"
          data-testid={`class-name-${index}`}
          value={cls.name}
          onChange={(e) => text('name', e.target.value)}
        />
        <FieldNote messages={messages} at={pointer(at, 'name')} />
      </span>
      <span className="ont-field">
        <input
          type="color"
          aria-label="Class color"
          data-testid={`class-color-${index}`}
          value={/^#[0-9a-fA-F]{6}$/.test(cls.color) ? cls.color.toLowerCase() : '#000000'}
          onChange={(e) => text('color', e.target.value)}
        />
        <FieldNote messages={messages} at={pointer(at, 'color')} />
      </span>
      <RowTools
        index={index}
        count={count}
        noun={`class ${cls.id}`}
        testIdPrefix={(action) => `class-${action}-${index}`}
        removeLabel="Remove"
        onMove={(to) => dispatch({ type: 'moveClass', index, to })}
        onRemove={() => dispatch({ type: 'removeClass', index })}
      />
    </div>
  );
}

function Geometries(props: ClassEditorProps) {
  const { index, cls, messages, dispatch } = props;
  return (
    <div className="row ont-geoms">
      <span className="muted">Geometries:</span>
      {GEOMETRY_KINDS.map((kind) => (
        <label key={kind} className="ont-inline" title={GEOMETRY_HELP[kind]}>
          <input
            type="checkbox"
            data-testid={`class-geom-${index}-${kind}`}
            checked={cls.geometries.includes(kind)}
            onChange={(e) => dispatch({ type: 'toggleGeometry', index, kind, on: e.target.checked })}
          />
          {kind}
        </label>
      ))}
      {cls.geometries.includes('span') ? (
        <label className="ont-inline" title="May two spans of this class overlap?">
          <input
            type="checkbox"
            data-testid={`class-overlap-${index}`}
            checked={cls.allow_overlap === true}
            onChange={(e) => dispatch({ type: 'setAllowOverlap', index, value: e.target.checked })}
          />
          spans may overlap
        </label>
      ) : null}
      <FieldNote messages={messages} at={pointer('/definition/classes', index, 'geometries')} nested />
    </div>
  );
}

function ClassEditorRow(props: ClassEditorProps) {
  const { index, cls, messages, dispatch } = props;
  return (
    <li className="ont-class" data-testid={`class-row-${index}`} style={{ borderLeftColor: cls.color }}>
      <ClassHeader {...props} />
      <Geometries {...props} />
      <AttributeList
        owner={{ kind: 'class', index }}
        attributes={cls.attributes}
        base={pointer('/definition/classes', index, 'attributes')}
        messages={messages}
        testId={(field, attr) => `attr-${field}-${index}-${attr}`}
        addTestId={`attr-add-${index}`}
        dispatch={dispatch}
      />
    </li>
  );
}

/** One class of the draft; re-renders only when its class, position or messages change. */
export const ClassEditor = memo(
  ClassEditorRow,
  (a, b) =>
    a.index === b.index &&
    a.count === b.count &&
    a.cls === b.cls &&
    a.dispatch === b.dispatch &&
    sameMessages(a.messages, b.messages),
);
