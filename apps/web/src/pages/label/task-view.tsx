import { missingRequired } from '@tessera/editor';
import type { AnnotationPayload, LeaseDto, OntologyDefinition } from '@tessera/schema';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Draft } from '../../label/draft-store';
import { type InitialSource, initialAnnotation } from '../../label/initial-annotation';
import { LABEL_PAGE_SHORTCUTS } from '../../label/label-keys';
import type { LabelSession } from '../../label/label-session';
import type { SwitchMeter } from '../../label/switch-meter';
import { createTaskClock } from '../../label/task-clock';
import { type ItemView, itemViewOf, type WorkspaceHandle } from '../../label/workspace';
import { HelpPanel } from './help-panel';
import { ItemPanel } from './item-panel';
import { MissingList } from './missing-list';
import { KeptWork } from './session-banners';
import { TaskTimer } from './task-timer';
import { TaskWorkspace, workspaceShortcuts } from './task-workspace';
import { useLabelKeys } from './use-label-keys';

export interface TaskViewProps {
  readonly lease: LeaseDto;
  readonly ontology: OntologyDefinition;
  readonly session: LabelSession;
  readonly who: { readonly org: string; readonly user: string };
  /** The payload submitted last in this session, for "copy from previous task". */
  readonly previous: AnnotationPayload | null;
  readonly kept: readonly Draft[];
  /** Leases ready behind this one. */
  readonly queued: number;
  readonly meter: SwitchMeter;
}

const TOOLS_TITLE: Record<ItemView['kind'], string> = {
  image: 'Image tools',
  text: 'Text tools',
  document: 'Document viewer',
};

const SOURCE_NOTE: Record<InitialSource, string | null> = {
  draft: 'Restored your unsent work on this task.',
  'kept-draft': 'Started from work kept from an earlier lease of this task.',
  prelabels: 'Started from the pre-labels of this task.',
  empty: null,
};

/**
 * One leased task on screen: the modality's workspace, the whole-item panel, the submit gate and the
 * toolbar. Rendered with a `key` per lease, so every task starts fresh (payload, undo history, timer).
 */
export function TaskView(props: TaskViewProps) {
  const { lease, ontology, session, meter } = props;
  const [initial] = useState(() => initialAnnotation(lease, props.who, session.drafts));
  const [clock] = useState(() =>
    createTaskClock(() => performance.now(), initial.elapsed_ms, document.visibilityState !== 'hidden'),
  );
  const [payload, setPayload] = useState(initial.payload);
  const latest = useRef(payload);
  const done = useRef(false);
  const [handle, setHandle] = useState<WorkspaceHandle | null>(null);
  const [help, setHelp] = useState(false);
  const [flash, setFlash] = useState(0);
  const item = useMemo(() => itemViewOf(lease.item), [lease.item]);
  const missing = useMemo(() => missingRequired(ontology, payload), [ontology, payload]);

  useEffect(() => {
    const frame = requestAnimationFrame(() => meter.shown());
    return () => cancelAnimationFrame(frame);
  }, [meter]);
  useEffect(() => {
    const onVisibility = () => (document.visibilityState === 'hidden' ? clock.pause() : clock.resume());
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [clock]);

  const change = useCallback(
    (next: AnnotationPayload) => {
      if (done.current) return;
      latest.current = next;
      setPayload(next);
      session.edit(lease, next, clock.elapsed());
    },
    [session, lease, clock],
  );
  const apply = (next: AnnotationPayload) => {
    change(next);
    handle?.replace(next);
  };
  const submit = () => {
    if (done.current) return;
    if (item === null || missingRequired(ontology, latest.current).length > 0) {
      setFlash((n) => n + 1);
      return;
    }
    done.current = true;
    meter.start();
    session.submit(lease, latest.current, clock.elapsed());
  };
  const skip = () => {
    if (done.current) return;
    done.current = true;
    void session.skip(lease);
  };
  useLabelKeys({
    submit,
    undo: () => handle?.undo(),
    redo: () => handle?.redo(),
    help: () => setHelp((h) => !h),
  });

  const note = initial.prelabelProblem
    ? `The pre-labels of this task were ignored (${initial.prelabelProblem}).`
    : SOURCE_NOTE[initial.source];
  return (
    <div className="label-task" data-testid="label-task" data-task-id={lease.task.task_id}>
      <div className="label-toolbar row">
        <span>
          Task <code data-testid="task-id">{lease.task.task_id}</code>
        </span>
        <TaskTimer clock={clock} />
        <span className="muted" data-testid="queue-count">
          {props.queued} more ready
        </span>
        <span className="spacer" />
        <button
          type="button"
          onClick={() => props.previous !== null && apply(props.previous)}
          disabled={props.previous === null || handle === null}
          data-testid="copy-previous"
          title="Replace this annotation with the one you submitted last (undoable)"
        >
          Copy previous
        </button>
        <button
          type="button"
          onClick={() => setHelp((h) => !h)}
          aria-pressed={help}
          data-testid="guidelines-toggle"
          title="Guidelines and shortcuts (G or ?)"
        >
          Guidelines
        </button>
        <button type="button" onClick={skip} data-testid="skip-task" title="Give this task back to the queue">
          Skip
        </button>
        <button
          type="button"
          className="primary"
          onClick={submit}
          disabled={missing.length > 0 || item === null}
          data-testid="submit-task"
          title="Submit (Ctrl/⌘+Enter)"
        >
          Submit
        </button>
      </div>
      {lease.task.instruction !== '' ? (
        <p className="label-instruction" data-testid="task-instruction">
          {lease.task.instruction}
        </p>
      ) : null}
      {note !== null ? (
        <p className="muted label-note" data-testid="initial-source">
          {note}
        </p>
      ) : null}
      <div className="label-body">
        <div className="label-canvas">
          {item !== null ? (
            <TaskWorkspace
              key={`${lease.task.task_id}#${lease.token}`}
              item={item}
              ontology={ontology}
              initial={initial.payload}
              onChange={change}
              onReady={setHandle}
            />
          ) : (
            <p className="error" data-testid="item-unavailable">
              This task's item cannot be shown here (no image URL or text). Skip it, and tell your project
              manager.
            </p>
          )}
        </div>
        <aside className="label-side card">
          <MissingList missing={missing} ontology={ontology} payload={payload} flash={flash} />
          <ItemPanel
            ontology={ontology}
            payload={payload}
            missing={missing}
            disabled={handle === null}
            onChange={apply}
          />
          <KeptWork kept={props.kept} session={session} onCopy={(d) => apply(d.payload)} now={Date.now()} />
        </aside>
        {help ? (
          <HelpPanel
            guidelines={ontology.guidelines}
            sections={[
              { title: 'Label page', rows: LABEL_PAGE_SHORTCUTS },
              { title: TOOLS_TITLE[item?.kind ?? 'image'], rows: workspaceShortcuts(item) },
            ]}
            onClose={() => setHelp(false)}
          />
        ) : null}
      </div>
    </div>
  );
}
