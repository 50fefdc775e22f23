import { useMemo, useState } from 'react';
import { useApi, useMe } from '../../api/api-context';
import { hasScope } from '../../api/session';
import { useLoad } from '../../api/use-load';
import { ErrorText } from '../../components/error-text';
import { createOntologyLoader } from './ontology-loader';
import { ReviewQueue } from './review-queue';
import { ReviewTask } from './review-task';
import './review.css';

/** How often the queue refreshes by itself (other reviewers take tasks, new rounds finish). */
const QUEUE_POLL_MS = 30_000;

/**
 * The reviewer's page: the project's review queue beside the open task. The first task opens by itself;
 * after accept, fix or reject the next one in the queue opens.
 */
export function ReviewPage(props: { readonly project: string }) {
  const { project } = props;
  const { client } = useApi();
  const me = useMe();
  const allowed = hasScope(me, 'review');
  const queue = useLoad(
    () => (allowed ? client.reviewQueue({ project, limit: 100 }) : Promise.resolve({ docs: [] })),
    [client, project, allowed],
    QUEUE_POLL_MS,
  );
  const ontologies = useMemo(() => createOntologyLoader(client, project), [client, project]);
  // Tasks reviewed on this page leave the list at once, before the queue answers again (by task and version:
  // a rejected task that comes back after a new round shows again).
  const [reviewed, setReviewed] = useState<ReadonlyMap<string, string>>(new Map());
  const [chosen, setChosen] = useState<string | null>(null);
  const tasks = (queue.data?.docs ?? []).filter((t) => reviewed.get(t.task_id) !== t.updated_at);
  const openId = chosen ?? tasks[0]?.task_id ?? null;

  if (!allowed) {
    return (
      <p className="muted" data-testid="review-forbidden">
        Reviewing needs the review permission; ask a project manager.
      </p>
    );
  }

  const done = (taskId: string) => {
    const at = tasks.findIndex((t) => t.task_id === taskId);
    const updatedAt = tasks[at]?.updated_at ?? '';
    const rest = tasks.filter((t) => t.task_id !== taskId);
    const next = rest[Math.max(0, at)] ?? rest[0] ?? null;
    setReviewed((r) => new Map(r).set(taskId, updatedAt));
    setChosen(next?.task_id ?? null);
    queue.reload();
  };

  return (
    <div className="review-page" data-testid="review-page">
      <aside className="card review-queue-card">
        <div className="row">
          <h2>Review queue</h2>
          <span className="muted" data-testid="review-count">
            {queue.data === undefined ? '…' : tasks.length}
          </span>
        </div>
        <ErrorText error={queue.error} />
        {queue.data === undefined && queue.loading ? (
          <p className="muted">Loading…</p>
        ) : (
          <ReviewQueue tasks={tasks} openId={openId} onOpen={setChosen} />
        )}
      </aside>
      <section className="card review-main">
        {openId === null && queue.data === undefined ? (
          <p className="muted">Loading…</p>
        ) : openId === null ? (
          <p className="muted" data-testid="review-idle">
            Nothing to review right now. The queue refreshes by itself.
          </p>
        ) : (
          <ReviewTask key={openId} taskId={openId} ontologies={ontologies} onDone={done} />
        )}
      </section>
    </div>
  );
}
