import type { AnnotationPayload, OntologyDefinition, TaskAnnotationsDto } from '@tessera/schema';
import { useMemo, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useLoad } from '../../api/use-load';
import { ErrorText } from '../../components/error-text';
import { itemViewOf } from '../../label/workspace';
import { AnnotatorTable } from './annotator-table';
import { FixEditor } from './fix-editor';
import { missingRequired } from './missing-required';
import type { OntologyLoader } from './ontology-loader';
import { ReviewActions } from './review-actions';
import { type CompareMode, ReviewCompare } from './review-compare';
import {
  annotatorOverlays,
  comparedAnnotations,
  disagreementOverlays,
  finalPayload,
  totalDisagreements,
} from './review-model';
import { useReviewAction } from './use-review-action';
import { useShortcuts } from './use-shortcuts';

function TaskHead(props: {
  readonly data: TaskAnnotationsDto;
  readonly disagreements: number;
  readonly mode: CompareMode;
  readonly onToggleMode: () => void;
}) {
  const { data, disagreements, mode } = props;
  return (
    <header className="row review-task-head">
      <strong>Task {data.task_id}</strong>
      <span className="muted">
        final label r{data.final_label?.revision ?? 0} · {disagreements} disagreement
        {disagreements === 1 ? '' : 's'}
      </span>
      {data.stage === 'review' ? null : (
        <span className="review-badge">{data.stage}: no longer in review</span>
      )}
      <span className="spacer" />
      <button
        type="button"
        data-testid="review-mode-toggle"
        onClick={props.onToggleMode}
        aria-pressed={mode === 'overlay'}
      >
        {mode === 'side' ? 'Overlay' : 'Side by side'} <kbd>O</kbd>
      </button>
    </header>
  );
}

/** One task under review, loaded: compare, read the agreement table, then act. */
function ReviewLoaded(props: {
  readonly data: TaskAnnotationsDto;
  readonly ontology: OntologyDefinition;
  readonly onDone: (taskId: string) => void;
}) {
  const { data, ontology } = props;
  const [mode, setMode] = useState<CompareMode>('side');
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<AnnotationPayload | null>(null);
  const { busy, error, act } = useReviewAction(data.task_id, props.onDone);
  const compared = useMemo(() => comparedAnnotations(data), [data]);
  const fixOverlays = useMemo(
    () => [...annotatorOverlays(compared), ...disagreementOverlays(compared)],
    [compared],
  );
  const item = itemViewOf(data.item);
  const final = finalPayload(data);
  const missing = missingRequired(ontology, draft ?? final);
  const inReview = data.stage === 'review';

  const toggleEdit = () => {
    if (item === null) return;
    setEditing((e) => !e);
    setDraft(null);
  };
  const toggleMode = () => setMode((m) => (m === 'side' ? 'overlay' : 'side'));
  useShortcuts(
    { a: () => void act({ action: 'accept' }, ''), e: toggleEdit, o: toggleMode },
    inReview && !editing && !busy,
  );

  return (
    <div className="review-task" data-testid="review-task" data-task-id={data.task_id}>
      <TaskHead
        data={data}
        disagreements={totalDisagreements(compared)}
        mode={mode}
        onToggleMode={toggleMode}
      />
      <AnnotatorTable
        compared={compared}
        ontology={ontology}
        finalAgreement={data.final_label?.agreement ?? null}
      />
      {item === null ? (
        <p className="muted" data-testid="review-no-item">
          This item cannot be shown here; the table above still compares the annotations.
        </p>
      ) : editing ? (
        <FixEditor
          key={`${data.task_id}-fix`}
          item={item}
          ontology={ontology}
          initial={final}
          overlays={fixOverlays}
          missing={missing}
          onChange={setDraft}
        />
      ) : (
        <ReviewCompare
          taskId={data.task_id}
          mode={mode}
          item={item}
          ontology={ontology}
          compared={compared}
          final={final}
        />
      )}
      <ErrorText error={error} />
      {inReview ? (
        <ReviewActions
          busy={busy}
          editing={editing}
          canEdit={item !== null}
          canFix={draft !== null && missing.total === 0}
          handlers={{
            accept: (comment) => void act({ action: 'accept' }, comment),
            toggleEdit,
            fix: (comment) => {
              if (draft !== null) void act({ action: 'fix', annotations: draft }, comment);
            },
            reject: (comment) => void act({ action: 'reject' }, comment),
          }}
        />
      ) : null}
    </div>
  );
}

/** Loads a task's annotations and its ontology version, then shows the review. */
export function ReviewTask(props: {
  readonly taskId: string;
  readonly ontologies: OntologyLoader;
  readonly onDone: (taskId: string) => void;
}) {
  const { client } = useApi();
  const { taskId, ontologies } = props;
  const loaded = useLoad(async () => {
    const data = await client.taskAnnotations({ task_id: taskId });
    return { data, ontology: await ontologies(data.ontology_version) };
  }, [client, taskId, ontologies]);
  if (loaded.error !== null) return <ErrorText error={loaded.error} />;
  // Only the newest task's data: a slower answer for the previous task never shows under this one.
  if (loaded.data === undefined || loaded.data.data.task_id !== taskId) {
    return (
      <p className="muted" data-testid="review-loading">
        Loading task…
      </p>
    );
  }
  return (
    <ReviewLoaded
      key={taskId}
      data={loaded.data.data}
      ontology={loaded.data.ontology}
      onDone={props.onDone}
    />
  );
}
