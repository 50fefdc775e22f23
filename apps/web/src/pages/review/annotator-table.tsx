import type { OntologyDefinition, ReviewAnnotationDto } from '@tessera/schema';
import { type Disagreement, disagreementCount } from './disagreements';
import { type ComparedAnnotation, percent } from './review-model';

function className(ontology: OntologyDefinition, id: string): string {
  return ontology.classes.find((c) => c.id === id)?.name ?? id;
}

/** "Car ×2, span Organization, class Night" — what this annotator has that the others do not. */
function describeDisagreement(d: Disagreement, ontology: OntologyDefinition): string {
  const counts = new Map<string, number>();
  const add = (label: string) => counts.set(label, (counts.get(label) ?? 0) + 1);
  for (const o of d.objects) add(className(ontology, o.class_id));
  for (const s of d.spans) add(`span ${className(ontology, s.class_id)}`);
  for (const c of d.classes) add(`class ${className(ontology, c)}`);
  return [...counts].map(([label, n]) => (n > 1 ? `${label} ×${n}` : label)).join(', ');
}

function seconds(ms: number | null): string {
  return ms === null ? '—' : `${Math.round(ms / 1000)} s`;
}

function elementCount(doc: ReviewAnnotationDto): string {
  const a = doc.annotations;
  const parts = [
    a.objects.length > 0 ? `${a.objects.length} obj` : '',
    a.spans.length > 0 ? `${a.spans.length} spans` : '',
    a.classifications.length > 0 ? a.classifications.map((c) => c.class_id).join(' ') : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'empty';
}

/** The annotators of the round: agreement with the final label and what they disagree on. */
export function AnnotatorTable(props: {
  readonly compared: readonly ComparedAnnotation[];
  readonly ontology: OntologyDefinition;
  readonly finalAgreement: number | null;
}) {
  return (
    <table className="review-annotators" data-testid="review-annotators">
      <thead>
        <tr>
          <th>Annotator</th>
          <th title="Agreement with the current final label">Agreement</th>
          <th>Labels</th>
          <th>Disagrees on</th>
          <th>Time</th>
        </tr>
      </thead>
      <tbody>
        {props.compared.map((c) => {
          const count = disagreementCount(c.disagreement);
          return (
            <tr
              key={c.doc.annotation_id}
              data-testid={`review-annotator-${c.doc.annotation_id}`}
              className={count > 0 ? 'disagrees' : undefined}
            >
              <td>
                <span className="review-swatch" style={{ background: c.color }} aria-hidden="true" />
                {c.name} <span className="muted">{c.doc.author_id}</span>
                {c.doc.kind === 'gold_attempt' ? <span className="muted"> (gold)</span> : null}
              </td>
              <td data-testid={`review-agreement-${c.doc.annotation_id}`}>{percent(c.doc.agreement)}</td>
              <td>{elementCount(c.doc)}</td>
              <td data-testid={`review-disagreements-${c.doc.annotation_id}`}>
                {count === 0 ? (
                  <span className="muted">nothing</span>
                ) : (
                  describeDisagreement(c.disagreement, props.ontology)
                )}
              </td>
              <td>{seconds(c.doc.duration_ms)}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <td>Consensus</td>
          <td data-testid="review-final-agreement" title="Mean pairwise agreement of the round">
            {percent(props.finalAgreement)}
          </td>
          <td colSpan={3} className="muted">
            {props.compared.length} annotation{props.compared.length === 1 ? '' : 's'}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
