import type { AnnotationPayload, OntologyDefinition } from '@tessera/schema';
import { useMemo } from 'react';
import type { ItemView } from '../../label/workspace';
import { disagreementCount } from './disagreements';
import {
  annotatorOverlays,
  type ComparedAnnotation,
  DISAGREEMENT_COLOR,
  disagreementOverlays,
  percent,
} from './review-model';
import { ReviewWorkspace } from './review-workspace';

export type CompareMode = 'side' | 'overlay';

const ignore = () => undefined;

function Legend(props: { readonly compared: readonly ComparedAnnotation[] }) {
  return (
    <div className="review-legend row" data-testid="review-legend">
      {props.compared.map((c) => (
        <span key={c.doc.annotation_id}>
          <span className="review-swatch" style={{ background: c.color }} aria-hidden="true" />
          {c.name}
        </span>
      ))}
      <span>
        <span className="review-swatch" style={{ background: DISAGREEMENT_COLOR }} aria-hidden="true" />
        Disagreement
      </span>
    </div>
  );
}

/**
 * The annotations of the round, read-only: one workspace per annotator side by side (each with its own
 * disagreements highlighted), or the final label with every annotator overlaid in their color.
 */
export function ReviewCompare(props: {
  readonly taskId: string;
  readonly mode: CompareMode;
  readonly item: ItemView;
  readonly ontology: OntologyDefinition;
  readonly compared: readonly ComparedAnnotation[];
  readonly final: AnnotationPayload;
}) {
  const { taskId, item, ontology, compared } = props;
  // Stable overlay arrays: the workspaces redraw only when the annotations change.
  const overlaid = useMemo(
    () => [...annotatorOverlays(compared), ...disagreementOverlays(compared)],
    [compared],
  );
  const ownDisagreements = useMemo(() => compared.map((c) => disagreementOverlays([c])), [compared]);
  if (props.mode === 'overlay') {
    return (
      <div className="review-overlay" data-testid="review-overlay">
        <p className="muted review-caption">The final label, with each annotation overlaid in its color.</p>
        <Legend compared={compared} />
        <div className="review-canvas">
          <ReviewWorkspace
            key={`${taskId}-overlay`}
            item={item}
            ontology={ontology}
            initial={props.final}
            onChange={ignore}
            readOnly
            overlays={overlaid}
          />
        </div>
      </div>
    );
  }
  return (
    <div className="review-side" data-testid="review-side-by-side">
      {compared.map((c, i) => {
        const count = disagreementCount(c.disagreement);
        return (
          <section
            key={c.doc.annotation_id}
            className="review-pane"
            data-testid={`review-annotation-${c.doc.annotation_id}`}
          >
            <header className="row">
              <span className="review-swatch" style={{ background: c.color }} aria-hidden="true" />
              <strong>{c.name}</strong>
              <span className="muted">agreement {percent(c.doc.agreement)}</span>
              {count > 0 ? (
                <span className="review-badge">
                  {count} disagreement{count === 1 ? '' : 's'}
                </span>
              ) : null}
            </header>
            <div className="review-canvas">
              <ReviewWorkspace
                key={`${taskId}-${c.doc.annotation_id}`}
                item={item}
                ontology={ontology}
                initial={c.doc.annotations}
                onChange={ignore}
                readOnly
                overlays={ownDisagreements[i]}
              />
            </div>
          </section>
        );
      })}
    </div>
  );
}
