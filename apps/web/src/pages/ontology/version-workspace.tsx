import { TesseraApiError } from '@tessera/client';
import type { Modality, OntologyDefinition, OntologyVersionDto } from '@tessera/schema';
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { ErrorText } from '../../components/error-text';
import { ConfirmButton } from './confirm-button';
import { describePointer } from './describe-pointer';
import { DiffView } from './diff-view';
import { DraftEditor } from './draft-editor';
import type { FieldMessage } from './field-messages';
import { describeMigrationOp } from './migration-ops';
import { draftHints, draftReducer, initialDraft } from './ontology-draft';
import { useVersionActions, type VersionActions } from './use-version-actions';

export interface VersionWorkspaceProps {
  readonly project: string;
  readonly modality: Modality;
  readonly version: OntologyVersionDto;
  /** The version before this one, if any: the source side of its migration and the default diff base. */
  readonly previous: OntologyVersionDto | null;
  readonly allVersions: readonly number[];
  readonly canWrite: boolean;
  readonly onChanged: () => void;
  readonly onDirtyChange: (dirty: boolean) => void;
}

function DiffPanel(
  props: VersionWorkspaceProps & { readonly actions: VersionActions; readonly dirty: boolean },
) {
  const { version, allVersions, actions } = props;
  const others = allVersions.filter((v) => v !== version.version);
  const [from, setFrom] = useState(props.previous?.version ?? others[0] ?? 0);
  if (others.length === 0) return null;
  return (
    <section className="card ont-section" aria-labelledby="ont-diff-title">
      <h2 id="ont-diff-title">Changes</h2>
      <div className="row">
        <label className="ont-inline">
          from
          <select
            data-testid="ontology-diff-from"
            value={from}
            onChange={(e) => setFrom(Number(e.target.value))}
          >
            {others.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="ontology-diff"
          disabled={actions.busy !== null}
          onClick={() => void actions.loadDiff(from)}
        >
          Show changes to v{version.version}
        </button>
        {props.dirty ? <span className="muted">(compares the saved draft)</span> : null}
      </div>
      {actions.diff !== null ? <DiffView diff={actions.diff} /> : null}
    </section>
  );
}

function ApplyPanel(props: VersionWorkspaceProps & { readonly actions: VersionActions }) {
  const { version, actions } = props;
  if (version.version < 2 || !version.published || !props.canWrite) return null;
  return (
    <section className="card ont-section" aria-labelledby="ont-apply-title">
      <h2 id="ont-apply-title">Apply migration</h2>
      <p className="hint">
        Rewrites every final label made under an older version as a new revision under v{version.version},
        running each version's migration in turn. Old revisions are kept; running it again is safe.
      </p>
      {version.migration.length > 0 ? (
        <ol data-testid="migration-summary">
          {version.migration.map((op, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: ops are positions in an ordered list
            <li key={i}>{describeMigrationOp(op)}</li>
          ))}
        </ol>
      ) : (
        <p className="muted">
          v{version.version} has no ops of its own: labels only move to the new version.
        </p>
      )}
      <ConfirmButton
        testId="migration-apply"
        label={`Apply to the project's labels`}
        question={`Rewrite the project's final labels under v${version.version}?`}
        confirmLabel="Apply"
        busy={actions.busy === 'apply'}
        disabled={actions.busy !== null}
        onConfirm={() => void actions.apply()}
      />
      {actions.applied !== null ? (
        <p data-testid="migration-result" role="status">
          {actions.applied.revised} final label{actions.applied.revised === 1 ? '' : 's'} revised.
        </p>
      ) : null}
    </section>
  );
}

function Toolbar(
  props: VersionWorkspaceProps & {
    readonly actions: VersionActions;
    readonly dirty: boolean;
    readonly hintCount: number;
  },
) {
  const { version, actions, dirty } = props;
  if (version.published || !props.canWrite) return null;
  return (
    <div className="row ont-toolbar">
      <button
        type="button"
        className="primary"
        data-testid="ontology-save"
        disabled={actions.busy !== null}
        onClick={() => void actions.save()}
        title="Ctrl+S"
      >
        {actions.busy === 'save' ? 'Saving…' : dirty ? 'Save draft' : 'Saved'}
      </button>
      <ConfirmButton
        testId="ontology-publish"
        label="Publish"
        question={`Publish v${version.version}? It is locked for good, and new tasks use it.`}
        confirmLabel={`Publish v${version.version}`}
        disabled={dirty || props.hintCount > 0 || actions.busy !== null}
        busy={actions.busy === 'publish'}
        onConfirm={() => void actions.publish()}
      />
      {dirty ? <span className="muted">Unsaved changes (save before publishing).</span> : null}
      {props.hintCount > 0 ? (
        <span className="error" data-testid="ontology-hint-count">
          {props.hintCount} problem{props.hintCount === 1 ? '' : 's'} to fix
        </span>
      ) : null}
    </div>
  );
}

const isFieldRefusal = (error: unknown): boolean =>
  error instanceof TesseraApiError && error.errors.length > 0;

/** The field errors of the last refused save, in words; each also shows beside its field. */
function SaveProblems(props: {
  readonly errors: readonly FieldMessage[];
  readonly definition: OntologyDefinition;
}) {
  if (props.errors.length === 0) return null;
  return (
    <div className="error" role="alert" data-testid="ontology-errors">
      <p>Not saved: the server refused these fields (also marked below).</p>
      <ul>
        {props.errors.map((e) => (
          <li key={`${e.pointer}:${e.message}`} data-pointer={e.pointer}>
            {describePointer(e.pointer, props.definition)}: {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One version: its editor (a draft, for managers) or read-only view, with save, publish, diff and apply. */
export function VersionWorkspace(props: VersionWorkspaceProps) {
  const { version, previous, canWrite, onDirtyChange } = props;
  const [state, dispatch] = useReducer(draftReducer, version, (v) => initialDraft(v.definition, v.migration));
  const editable = canWrite && !version.published;
  const actions = useVersionActions({ ...props, version: version.version, state, dispatch });
  const previousDefinition = previous?.definition ?? null;
  const { definition, migration, serverErrors } = state;
  const hints = useMemo(
    () => (editable ? draftHints({ definition, migration }, previousDefinition) : []),
    [editable, definition, migration, previousDefinition],
  );
  /** The server's word first; a local hint only where the server said nothing. */
  const messages = useMemo(() => {
    const named = new Set(serverErrors.map((e) => e.pointer));
    return [...serverErrors, ...hints.filter((h) => !named.has(h.pointer))];
  }, [serverErrors, hints]);

  useEffect(() => onDirtyChange(state.dirty), [state.dirty, onDirtyChange]);
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    if (!editable) return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (latest.current.busy === null) void latest.current.save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editable]);

  return (
    <div className="ont-workspace" data-testid={`ontology-workspace-${version.version}`}>
      <Toolbar {...props} actions={actions} dirty={state.dirty} hintCount={hints.length} />
      {version.published ? (
        <p className="muted">v{version.version} is published and locked. Create a new draft to change it.</p>
      ) : !canWrite ? (
        <p className="muted">Read-only: changing the ontology needs the projects:write permission.</p>
      ) : null}
      {actions.status !== null ? (
        <p role="status" data-testid="ontology-status">
          {actions.status}
        </p>
      ) : null}
      {isFieldRefusal(actions.error) ? null : <ErrorText error={actions.error} />}
      <SaveProblems errors={serverErrors} definition={definition} />
      <DiffPanel {...props} actions={actions} dirty={state.dirty} />
      <ApplyPanel {...props} actions={actions} />
      <DraftEditor
        version={version.version}
        state={state}
        messages={messages}
        previous={previousDefinition}
        modality={props.modality}
        readOnly={!editable}
        dispatch={dispatch}
      />
    </div>
  );
}
