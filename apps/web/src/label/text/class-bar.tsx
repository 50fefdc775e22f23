import { digitForSpanClass, hasDocumentClass, type TextOntology } from '@tessera/editor';
import type { AnnotationPayload } from '@tessera/schema';

/**
 * The span classes (with their digit), which label the selection when clicked, and the document-level class
 * toggles. Buttons keep the text selection alive: a mouse-down on them does not take the focus.
 */
export function ClassBar(props: {
  readonly ontology: TextOntology;
  readonly payload: AnnotationPayload;
  readonly activeClassId: string | null;
  readonly readOnly: boolean;
  readonly onLabel: (classId: string) => void;
  readonly onToggleDocument: (classId: string) => void;
}) {
  const { ontology, payload, readOnly } = props;
  return (
    <div className="tw-classes">
      <div className="tw-class-row" role="toolbar" aria-label="Span classes">
        {ontology.spanClasses.map((c) => {
          const digit = digitForSpanClass(ontology, c.id);
          return (
            <button
              key={c.id}
              type="button"
              data-testid={`class-${c.id}`}
              className={props.activeClassId === c.id ? 'tw-class active' : 'tw-class'}
              disabled={readOnly}
              title={digit === null ? c.name : `${c.name} (${digit})`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => props.onLabel(c.id)}
            >
              <span className="tw-swatch" style={{ background: c.color }} />
              {digit !== null && <kbd>{digit}</kbd>}
              {c.name}
            </button>
          );
        })}
      </div>
      {ontology.documentClasses.length > 0 && (
        <fieldset className="tw-class-row tw-doc-classes">
          <legend className="muted">Document</legend>
          {ontology.documentClasses.map((c) => {
            const on = hasDocumentClass(payload, c.id);
            return (
              <button
                key={c.id}
                type="button"
                data-testid={`doc-class-${c.id}`}
                className={on ? 'tw-doc-class on' : 'tw-doc-class'}
                aria-pressed={on}
                disabled={readOnly}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => props.onToggleDocument(c.id)}
              >
                <span className="tw-swatch" style={{ background: c.color }} />
                {c.name}
              </button>
            );
          })}
        </fieldset>
      )}
    </div>
  );
}
