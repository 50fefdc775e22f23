import type { TaskDto } from '@tessera/schema';
import { percent } from './review-model';

function age(iso: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}

/** The tasks waiting for review, oldest first; the open one is marked. Click or Enter opens a row. */
export function ReviewQueue(props: {
  readonly tasks: readonly TaskDto[];
  readonly openId: string | null;
  readonly onOpen: (taskId: string) => void;
}) {
  const now = Date.now();
  return (
    <div className="review-queue" data-testid="review-queue">
      {props.tasks.length === 0 ? (
        <p className="muted" data-testid="review-empty">
          No tasks are waiting for review.
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Task</th>
              <th title="Agreement of the annotators (consensus)">Agr.</th>
              <th>Waiting</th>
            </tr>
          </thead>
          <tbody>
            {props.tasks.map((t) => (
              <tr
                key={t.task_id}
                data-testid={`review-row-${t.task_id}`}
                className={t.task_id === props.openId ? 'open' : undefined}
                aria-selected={t.task_id === props.openId}
                tabIndex={0}
                onClick={() => props.onOpen(t.task_id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    props.onOpen(t.task_id);
                  }
                }}
              >
                <td title={t.task_id}>{t.unique_id ?? t.task_id}</td>
                <td>{percent(t.response?.agreement)}</td>
                <td>{age(t.updated_at, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
