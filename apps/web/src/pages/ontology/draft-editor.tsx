import type { GeometryKind, Modality, OntologyDefinition } from '@tessera/schema';
import type { Dispatch } from 'react';
import { AttributeList } from './attribute-editor';
import { ClassEditor } from './class-editor';
import { type FieldMessage, messagesOfClass } from './field-messages';
import { GuidelinesEditor } from './guidelines-editor';
import { MigrationEditor } from './migration-editor';
import type { DraftAction, DraftState } from './ontology-draft';

/** What a new class may draw by default, by the project's modality. */
const DEFAULT_GEOMETRIES: Readonly<Record<Modality, readonly GeometryKind[]>> = {
  image: ['box'],
  video: ['box'],
  pointcloud: ['box'],
  text: ['span'],
  document: ['span'],
  llm: ['classification'],
};

/**
 * The whole definition of one version (classes, global attributes, guidelines) and, from v2 on, its
 * migration. Read-only versions render the same form inside a disabled fieldset.
 */
export function DraftEditor(props: {
  readonly version: number;
  readonly state: DraftState;
  readonly messages: readonly FieldMessage[];
  readonly previous: OntologyDefinition | null;
  readonly modality: Modality;
  readonly readOnly: boolean;
  readonly dispatch: Dispatch<DraftAction>;
}) {
  const { version, state, messages, previous, dispatch } = props;
  const { classes } = state.definition;
  return (
    <fieldset className="ont-editor" disabled={props.readOnly} data-testid="ontology-editor">
      <section className="card ont-section" aria-labelledby="ont-classes-title">
        <h2 id="ont-classes-title">Classes ({classes.length})</h2>
        <p className="hint">
          The id is stored in every label and never reused for another meaning; rename the display name
          freely. Renaming an id needs a migration op.
        </p>
        <ol className="ont-classes">
          {classes.map((cls, i) => (
            <ClassEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions; ids are edited in place
              key={i}
              index={i}
              count={classes.length}
              cls={cls}
              messages={messagesOfClass(messages, i)}
              dispatch={dispatch}
            />
          ))}
        </ol>
        <button
          type="button"
          data-testid="class-add"
          onClick={() => dispatch({ type: 'addClass', geometries: DEFAULT_GEOMETRIES[props.modality] })}
        >
          + Class
        </button>
      </section>
      <section className="card ont-section" aria-labelledby="ont-globals-title">
        <h2 id="ont-globals-title">Global attributes</h2>
        <p className="hint">Asked once per item, whatever objects it has (e.g. weather, image quality).</p>
        <AttributeList
          owner={{ kind: 'global' }}
          attributes={state.definition.global_attributes}
          base="/definition/global_attributes"
          messages={messages}
          testId={(field, attr) => `global-attr-${field}-${attr}`}
          addTestId="global-attr-add"
          dispatch={dispatch}
        />
      </section>
      <GuidelinesEditor text={state.definition.guidelines} messages={messages} dispatch={dispatch} />
      {previous !== null ? (
        <MigrationEditor
          version={version}
          migration={state.migration}
          ctx={{ previous, next: state.definition }}
          messages={messages}
          dispatch={dispatch}
        />
      ) : null}
    </fieldset>
  );
}
