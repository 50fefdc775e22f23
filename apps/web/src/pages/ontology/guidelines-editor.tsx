import { type Dispatch, useDeferredValue } from 'react';
import type { FieldMessage } from './field-messages';
import { FieldNote } from './field-note';
import { guidelineParagraphs } from './guideline-paragraphs';
import type { DraftAction } from './ontology-draft';

/** Plain text paragraphs, rendered as text nodes: markup in the guidelines shows as typed, never runs. */
export function GuidelinesPreview(props: { readonly text: string }) {
  const deferred = useDeferredValue(props.text);
  const paragraphs = guidelineParagraphs(deferred);
  return (
    <div className="ont-preview" data-testid="guidelines-preview" aria-live="polite">
      {paragraphs.length === 0 ? <p className="muted">No guidelines yet.</p> : null}
      {paragraphs.map((lines, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity besides their position
        <p key={i}>
          {lines.map((line, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity besides their position
            <span key={j}>
              {j > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </p>
      ))}
    </div>
  );
}

/** The annotators' instructions: a large textarea beside its live preview. */
export function GuidelinesEditor(props: {
  readonly text: string;
  readonly messages: readonly FieldMessage[];
  readonly dispatch: Dispatch<DraftAction>;
}) {
  return (
    <section className="card ont-section" aria-labelledby="ont-guidelines-title">
      <h2 id="ont-guidelines-title">Guidelines</h2>
      <p className="hint">Plain text shown to annotators. A blank line starts a new paragraph.</p>
      <div className="ont-guidelines">
        <textarea
          data-testid="guidelines"
          aria-label="Guidelines"
          rows={14}
          value={props.text}
          onChange={(e) => props.dispatch({ type: 'setGuidelines', text: e.target.value })}
        />
        <GuidelinesPreview text={props.text} />
      </div>
      <FieldNote messages={props.messages} at="/definition/guidelines" />
    </section>
  );
}
