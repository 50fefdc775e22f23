import { canRedo, canUndo, type TextCommand, type TextOntology, type TextSession } from '@tessera/editor';
import { ClassBar } from './class-bar';

/** Class buttons, document-class toggles, the snap-to-words switch and undo/redo buttons. */
export function TextToolbar(props: {
  readonly ontology: TextOntology;
  readonly session: TextSession;
  readonly activeClassId: string | null;
  readonly readOnly: boolean;
  readonly onLabel: (classId: string) => void;
  readonly dispatch: (command: TextCommand) => void;
}) {
  const { session, readOnly, dispatch } = props;
  return (
    <div className="tw-toolbar">
      <ClassBar
        ontology={props.ontology}
        payload={session.history.present}
        activeClassId={props.activeClassId}
        readOnly={readOnly}
        onLabel={props.onLabel}
        onToggleDocument={(classId) => dispatch({ type: 'toggle-document-class', classId })}
      />
      <div className="tw-tools">
        <label className="tw-inline" htmlFor="tw-snap">
          <input
            id="tw-snap"
            type="checkbox"
            data-testid="text-snap"
            checked={session.snapToWords}
            onChange={(e) => dispatch({ type: 'set-snap', snapToWords: e.target.checked })}
          />
          Snap to words
        </label>
        {!readOnly && (
          <>
            <button
              type="button"
              data-testid="text-undo"
              disabled={!canUndo(session.history)}
              onClick={() => dispatch({ type: 'undo' })}
            >
              Undo
            </button>
            <button
              type="button"
              data-testid="text-redo"
              disabled={!canRedo(session.history)}
              onClick={() => dispatch({ type: 'redo' })}
            >
              Redo
            </button>
          </>
        )}
      </div>
    </div>
  );
}
