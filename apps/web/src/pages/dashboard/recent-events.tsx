import type { EventDto } from '@tessera/schema';
import { ErrorText } from '../../components/error-text';
import { clockTime } from './format';

/** "task.review_accepted" → "review accepted". */
function eventLabel(type: string): string {
  return type.replace(/^[a-z]+\./, '').replace(/_/g, ' ');
}

/** The project's latest events, newest first. `names` maps user ids to something readable. */
export function RecentEvents(props: {
  readonly events: readonly EventDto[];
  readonly error: unknown;
  readonly names: ReadonlyMap<string, string>;
}) {
  return (
    <section className="card dash-events" aria-labelledby="dash-events-title">
      <h2 id="dash-events-title">Recent events</h2>
      <ErrorText error={props.error} />
      {props.events.length === 0 ? <p className="muted">No events yet.</p> : null}
      <ol className="dash-event-list" data-testid="recent-events">
        {props.events.map((e) => (
          <li key={e.seq} data-testid={`event-${e.seq}`} data-type={e.type}>
            <time dateTime={e.created_at}>{clockTime(Date.parse(e.created_at))}</time>
            <span className={`dash-event-type ${e.type.split('.')[0]}`}>{eventLabel(e.type)}</span>
            {e.task_id ? <code title={e.task_id}>{e.task_id.slice(-8)}</code> : null}
            {e.actor_id ? <span className="muted">{props.names.get(e.actor_id) ?? e.actor_id}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
