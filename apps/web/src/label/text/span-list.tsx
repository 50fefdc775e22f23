import type { TextOntology } from '@tessera/editor';
import type { LabeledSpan } from '@tessera/schema';
import { memo } from 'react';

const EXCERPT = 60;

export function excerpt(text: string, span: LabeledSpan): string {
  const body = text.slice(span.start, Math.min(span.end, span.start + EXCERPT));
  return span.end - span.start > EXCERPT ? `${body}…` : body;
}

const Row = memo(function Row(props: {
  readonly index: number;
  readonly span: LabeledSpan;
  readonly text: string;
  readonly name: string;
  readonly color: string;
  readonly selected: boolean;
  readonly conflict: boolean;
  readonly onSelect: (spanId: string) => void;
}) {
  const { span } = props;
  return (
    <li>
      <button
        type="button"
        data-testid={`span-${props.index}`}
        data-span-id={span.id}
        data-class={span.class_id}
        className={props.selected ? 'tw-span-row selected' : 'tw-span-row'}
        aria-pressed={props.selected}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => props.onSelect(span.id)}
      >
        <span className="tw-swatch" style={{ background: props.color }} />
        <span className="tw-span-class">{props.name}</span>
        <span className="tw-span-text">{excerpt(props.text, span)}</span>
        {props.conflict && (
          <span className="tw-span-warn" title="Overlaps another span the ontology does not allow">
            overlap
          </span>
        )}
      </button>
    </li>
  );
});

/** Every span in payload order (`span-<index>`); clicking one selects it. */
export const SpanList = memo(function SpanList(props: {
  readonly text: string;
  readonly spans: readonly LabeledSpan[];
  readonly ontology: TextOntology;
  readonly selectedSpanId: string | null;
  readonly conflicts: ReadonlySet<number>;
  readonly onSelect: (spanId: string) => void;
}) {
  const { ontology } = props;
  return (
    <div className="tw-span-list" data-testid="span-list">
      <h4>Spans ({props.spans.length})</h4>
      {props.spans.length === 0 ? (
        <p className="muted">Select text, then press a class digit or button.</p>
      ) : (
        <ol>
          {props.spans.map((span, index) => {
            const def = ontology.byId.get(span.class_id);
            return (
              <Row
                key={span.id}
                index={index}
                span={span}
                text={props.text}
                name={def?.name ?? span.class_id}
                color={def?.color ?? '#868e96'}
                selected={span.id === props.selectedSpanId}
                conflict={props.conflicts.has(index)}
                onSelect={props.onSelect}
              />
            );
          })}
        </ol>
      )}
    </div>
  );
});
