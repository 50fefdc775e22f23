import type { TextOntology } from '@tessera/editor';
import type { AttributeValues, LabeledSpan } from '@tessera/schema';
import { AttributesForm } from '../attributes-form';
import { excerpt } from './span-list';

/** The selected span: its text, class (changeable), attributes (with `AttributesForm`) and a delete button. */
export function SpanDetails(props: {
  readonly text: string;
  readonly span: LabeledSpan;
  readonly ontology: TextOntology;
  readonly missing: readonly string[];
  readonly readOnly: boolean;
  readonly onClass: (classId: string) => void;
  readonly onAttributes: (next: AttributeValues) => void;
  readonly onDelete: () => void;
}) {
  const { span, ontology, readOnly } = props;
  const def = ontology.byId.get(span.class_id);
  return (
    <div className="tw-details card" data-testid="span-details" data-span-id={span.id}>
      <div className="tw-details-head">
        <span className="tw-swatch" style={{ background: def?.color ?? '#868e96' }} />
        <q data-testid="span-details-text">{excerpt(props.text, span)}</q>
        <span className="muted">
          {span.start}–{span.end}
        </span>
      </div>
      <label htmlFor="tw-span-class">
        <span>Class</span>
        <select
          id="tw-span-class"
          data-testid="span-class-select"
          value={span.class_id}
          disabled={readOnly}
          onChange={(e) => props.onClass(e.target.value)}
        >
          {!ontology.spanClasses.some((c) => c.id === span.class_id) && (
            <option value={span.class_id}>{def?.name ?? span.class_id} (not a span class)</option>
          )}
          {ontology.spanClasses.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <AttributesForm
        defs={def?.attributes ?? []}
        values={span.attributes}
        missing={props.missing}
        disabled={readOnly}
        onChange={props.onAttributes}
      />
      {!readOnly && (
        <button type="button" className="danger" data-testid="span-delete" onClick={props.onDelete}>
          Delete span
        </button>
      )}
    </div>
  );
}
