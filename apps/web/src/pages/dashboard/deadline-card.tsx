import type { DeadlineDto } from '@tessera/schema';
import { dateTime, decimal, relative } from './format';

const BADGES: Readonly<Record<DeadlineDto['status'], { text: string; className: string }>> = {
  on_track: { text: 'On track', className: 'dash-badge ok' },
  at_risk: { text: 'At risk', className: 'dash-badge risk' },
  none: { text: 'No deadline', className: 'dash-badge' },
  done: { text: 'All done', className: 'dash-badge ok' },
};

function When(props: { readonly iso: string | null; readonly now: number }) {
  if (props.iso === null) return <span className="muted">—</span>;
  const at = Date.parse(props.iso);
  return (
    <span title={props.iso}>
      {dateTime(at)} <span className="muted">({relative(at, props.now)})</span>
    </span>
  );
}

/** Time to deadline against the SLA: the verdict first, then the numbers it rests on. */
export function DeadlineCard(props: { readonly deadline: DeadlineDto; readonly now: number }) {
  const d = props.deadline;
  const badge = BADGES[d.status];
  return (
    <section className="card dash-deadline" aria-labelledby="dash-deadline-title">
      <h2 id="dash-deadline-title">
        Deadline{' '}
        <span className={badge.className} data-testid="deadline-status" data-status={d.status}>
          {badge.text}
        </span>
      </h2>
      <dl className="dash-facts">
        <dt>Next due</dt>
        <dd data-testid="deadline-next-due">
          <When iso={d.next_due} now={props.now} />
        </dd>
        <dt>Projected finish</dt>
        <dd data-testid="deadline-projected">
          {d.remaining > 0 && d.projected_finish === null ? (
            <span className="muted">never at the current rate (nothing completed in the window)</span>
          ) : (
            <When iso={d.projected_finish} now={props.now} />
          )}
        </dd>
        <dt>Remaining</dt>
        <dd>{d.remaining} tasks</dd>
        <dt>Completion rate</dt>
        <dd>{decimal(d.completion_rate_per_hour)} / h</dd>
        <dt>SLA</dt>
        <dd>
          {d.sla_seconds === null ? (
            <span className="muted">none</span>
          ) : (
            <>
              {decimal(d.sla_seconds / 3600)} h from creation; oldest open task due{' '}
              <When iso={d.sla_oldest_due} now={props.now} />
            </>
          )}
        </dd>
      </dl>
      {d.upcoming.length > 0 ? (
        <table className="dash-upcoming" data-testid="deadline-upcoming">
          <thead>
            <tr>
              <th>Due</th>
              <th>Tasks</th>
              <th>Done by then at this rate</th>
            </tr>
          </thead>
          <tbody>
            {d.upcoming.map((u) => (
              <tr key={u.due_at} className={u.on_track ? '' : 'dash-late'}>
                <td>
                  <When iso={u.due_at} now={props.now} />
                </td>
                <td>
                  {u.tasks} <span className="muted">({u.cumulative} incl. earlier)</span>
                </td>
                <td>{u.on_track ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
