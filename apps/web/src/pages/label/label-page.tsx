import type { LeaseDto, OntologyDefinition } from '@tessera/schema';
import { useEffect, useMemo, useState } from 'react';
import { useApi, useMe } from '../../api/api-context';
import { hasScope } from '../../api/session';
import { ErrorText } from '../../components/error-text';
import type { LabelSession, SessionState } from '../../label/label-session';
import type { TaskOntologies } from '../../label/ontology-versions';
import { createSwitchMeter, type SwitchMeter, windowSwitchSink } from '../../label/switch-meter';
import { KeptWork, SessionBanners } from './session-banners';
import { TaskView } from './task-view';
import { useLabelSession } from './use-label-session';
import './label-page.css';

interface Who {
  readonly org: string;
  readonly user: string;
}

/** The task on screen once its ontology version is known (usually at once: it was fetched when leased). */
function CurrentTask(props: {
  readonly lease: LeaseDto;
  readonly state: SessionState;
  readonly session: LabelSession;
  readonly ontologies: TaskOntologies;
  readonly who: Who;
  readonly meter: SwitchMeter;
}) {
  const { lease, ontologies } = props;
  const [ontology, setOntology] = useState<OntologyDefinition | undefined>(() => ontologies.peek(lease.task));
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger
  useEffect(() => {
    if (ontology !== undefined) return;
    let live = true;
    ontologies.get(lease.task).then(
      (definition) => live && setOntology(definition),
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [ontologies, lease.task, ontology, attempt]);

  if (ontology === undefined) {
    return error !== null ? (
      <div className="card" data-testid="ontology-error">
        <p>The ontology of task {lease.task.task_id} could not be loaded.</p>
        <ErrorText error={error} />
        <div className="row">
          <button
            type="button"
            onClick={() => {
              setError(null);
              setAttempt((n) => n + 1);
            }}
          >
            Try again
          </button>
          <button type="button" onClick={() => void props.session.skip(lease)} data-testid="skip-task">
            Skip
          </button>
        </div>
      </div>
    ) : (
      <p className="muted" data-testid="task-loading">
        Loading task {lease.task.task_id}…
      </p>
    );
  }
  return (
    <TaskView
      lease={lease}
      ontology={ontology}
      session={props.session}
      who={props.who}
      previous={props.state.previous}
      kept={props.state.kept}
      queued={Math.max(0, props.state.leases.length - 1)}
      meter={props.meter}
    />
  );
}

function StartPanel(props: { readonly state: SessionState; readonly onStart: () => void }) {
  const held = props.state.leases.length;
  return (
    <div className="card label-start" data-testid="label-start">
      <h2>Label</h2>
      <p className="muted">
        Tasks are leased to you a few at a time; your work is saved in this browser as you go. Press{' '}
        <kbd>G</kbd> for the guidelines and <kbd>Ctrl/⌘ + Enter</kbd> to submit.
      </p>
      {held > 0 ? (
        <p data-testid="held-leases">
          You still hold {held} task{held === 1 ? '' : 's'} from before; they come first.
        </p>
      ) : null}
      <button type="button" className="primary" onClick={props.onStart} data-testid="start-labeling">
        {held > 0 ? 'Resume labeling' : 'Start labeling'}
      </button>
    </div>
  );
}

function QueueEmpty(props: { readonly session: LabelSession; readonly submitted: number }) {
  return (
    <div className="card label-empty" data-testid="queue-empty">
      <h2>No tasks left for you right now</h2>
      <p className="muted">
        {props.submitted > 0 ? `You submitted ${props.submitted} in this session. ` : ''}This page checks for
        new work every 15 seconds.
      </p>
      <button type="button" onClick={() => props.session.checkAgain()} data-testid="check-again">
        Check again
      </button>
    </div>
  );
}

function Running(props: {
  readonly state: SessionState;
  readonly session: LabelSession;
  readonly ontologies: TaskOntologies;
  readonly who: Who;
  readonly meter: SwitchMeter;
}) {
  const { state, session } = props;
  const current = state.leases[0];
  if (current !== undefined) {
    return <CurrentTask key={`${current.task.task_id}#${current.token}`} lease={current} {...props} />;
  }
  return (
    <>
      {state.leaseError !== null ? (
        <div className="card" data-testid="lease-error">
          <p>Could not lease tasks; retrying every 15 seconds.</p>
          <ErrorText error={state.leaseError} />
          <button type="button" onClick={() => session.checkAgain()} data-testid="check-again">
            Try again
          </button>
        </div>
      ) : state.empty ? (
        <QueueEmpty session={session} submitted={state.submitted} />
      ) : (
        <p className="muted" data-testid="queue-loading">
          Leasing tasks…
        </p>
      )}
      <KeptWork kept={state.kept} session={session} now={Date.now()} />
    </>
  );
}

/**
 * The annotator's label page: leases tasks a few at a time (the next ones preloaded), shows the modality's
 * workspace with the whole-item panel, saves drafts locally, and submits in the background so the next task
 * is on screen at once. Switch times are exposed on `window.__tesseraSwitchMs` for the browser benchmark.
 */
export function LabelPage(props: { readonly project: string }) {
  const { client } = useApi();
  const me = useMe();
  const who = useMemo<Who | null>(
    () => (me.user_id === null ? null : { org: me.org_id, user: me.user_id }),
    [me.org_id, me.user_id],
  );
  const { session, state, ontologies, persistent } = useLabelSession(client, who, props.project);
  const meter = useMemo(() => createSwitchMeter(windowSwitchSink(), () => performance.now()), []);

  if (!hasScope(me, 'annotate')) {
    return (
      <p className="muted" data-testid="label-forbidden">
        Labeling needs the annotate permission; ask a project manager.
      </p>
    );
  }
  if (who === null) {
    return (
      <p className="muted" data-testid="label-forbidden">
        Labeling needs a signed-in user: an API key cannot hold leases.
      </p>
    );
  }
  if (session === null || state === null) return <p className="muted">Loading…</p>;
  return (
    <div className="label-page" data-testid="label-page">
      <SessionBanners state={state} session={session} persistent={persistent} />
      {state.started ? (
        <Running state={state} session={session} ontologies={ontologies} who={who} meter={meter} />
      ) : (
        <>
          <StartPanel state={state} onStart={() => session.start()} />
          <KeptWork kept={state.kept} session={session} now={Date.now()} />
        </>
      )}
    </div>
  );
}
