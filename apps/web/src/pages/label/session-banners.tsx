import type { Draft } from '../../label/draft-store';
import type { LabelSession, SessionState } from '../../label/label-session';
import { formatDuration } from '../../label/lease-timing';

function Unsent(props: { readonly state: SessionState; readonly session: LabelSession }) {
  const { unsent } = props.state;
  if (unsent.length === 0) return null;
  const lastError = unsent.find((u) => u.last_error !== null)?.last_error ?? null;
  return (
    <div className="label-banner warn" data-testid="unsent-banner" role="status">
      <span>
        {unsent.length === 1 ? '1 submit is' : `${unsent.length} submits are`} unsent
        {lastError === null ? ' (sending…)' : ` — retrying: ${lastError}`}. Your work is kept in this browser.
      </span>
      <button type="button" onClick={() => props.session.retryUnsent()} data-testid="retry-unsent">
        Retry now
      </button>
    </div>
  );
}

/** Messages about the session: unsent submits, lease and storage trouble, and dismissable notices. */
export function SessionBanners(props: {
  readonly state: SessionState;
  readonly session: LabelSession;
  readonly persistent: boolean;
}) {
  const { state, session } = props;
  return (
    <div className="label-banners">
      <Unsent state={state} session={session} />
      {!props.persistent || state.storageTrouble ? (
        <div className="label-banner error" data-testid="storage-trouble" role="alert">
          This browser refuses to store drafts: a reload now would lose unsent work.
        </div>
      ) : null}
      {state.heartbeatTrouble !== null ? (
        <div className="label-banner warn" data-testid="heartbeat-trouble" role="status">
          Cannot reach the server to keep your leases ({state.heartbeatTrouble}); retrying.
        </div>
      ) : null}
      {state.notices.map((n) => (
        <div key={n.id} className={`label-banner ${n.tone}`} data-testid="notice" role="alert">
          <span>{n.text}</span>
          <button
            type="button"
            onClick={() => session.dismiss(n.id)}
            data-testid="dismiss-notice"
            title="Dismiss"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/**
 * Work kept from leases that ended before it was submitted. With a task on screen, each can be copied into it
 * (one undo step); it stays listed until discarded or until its task is submitted.
 */
export function KeptWork(props: {
  readonly kept: readonly Draft[];
  readonly session: LabelSession;
  readonly onCopy?: (draft: Draft) => void;
  readonly now: number;
}) {
  if (props.kept.length === 0) return null;
  return (
    <section className="label-kept" data-testid="kept-drafts">
      <h3>Kept work</h3>
      <ul>
        {props.kept.map((d) => {
          const n = d.payload.objects.length + d.payload.spans.length + d.payload.classifications.length;
          return (
            <li key={`${d.key.task}#${d.key.token}`} data-testid="kept-draft" data-task-id={d.key.task}>
              <div>
                Task <code>{d.key.task}</code>: {n} label{n === 1 ? '' : 's'}, {d.kept_reason} (
                {formatDuration(props.now - d.saved_at)} ago)
              </div>
              <div className="row">
                {props.onCopy ? (
                  <button type="button" onClick={() => props.onCopy?.(d)} data-testid="kept-draft-copy">
                    Copy into this task
                  </button>
                ) : null}
                <button
                  type="button"
                  className="danger"
                  onClick={() => props.session.discardKept(d.key)}
                  data-testid="kept-draft-discard"
                >
                  Discard
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
