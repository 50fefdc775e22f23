import type { Missing } from '@tessera/editor';
import type { AnnotationPayload, OntologyDefinition } from '@tessera/schema';
import { useEffect, useRef } from 'react';

function ownerLabel(m: Missing, ontology: OntologyDefinition, payload: AnnotationPayload): string {
  const className = (id: string | undefined): string =>
    ontology.classes.find((c) => c.id === id)?.name ?? id ?? '?';
  switch (m.owner) {
    case 'global':
      return 'Item';
    case 'classification':
      return `Class ${className(payload.classifications[m.index ?? -1]?.class_id)}`;
    case 'object':
      return `Object ${(m.index ?? 0) + 1} (${className(payload.objects[m.index ?? -1]?.class_id)})`;
    case 'span':
      return `Span ${(m.index ?? 0) + 1} (${className(payload.spans[m.index ?? -1]?.class_id)})`;
  }
}

/**
 * What blocks the submit: every missing or invalid attribute, by label. `flash` changes when the annotator
 * tried to submit anyway; the list then scrolls into view and blinks.
 */
export function MissingList(props: {
  readonly missing: readonly Missing[];
  readonly ontology: OntologyDefinition;
  readonly payload: AnnotationPayload;
  readonly flash: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (props.flash === 0) return;
    const el = ref.current;
    el?.scrollIntoView({ block: 'nearest' });
    el?.classList.remove('label-flash');
    void el?.offsetWidth; // restart the animation
    el?.classList.add('label-flash');
  }, [props.flash]);
  if (props.missing.length === 0) return null;
  return (
    <div className="label-missing" data-testid="missing-attributes" ref={ref} role="status">
      <strong>Before you can submit:</strong>
      <ul>
        {props.missing.map((m) => (
          <li key={m.path} data-testid="missing-item" data-path={m.path}>
            {ownerLabel(m, props.ontology, props.payload)}: {m.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
