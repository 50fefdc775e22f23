import { join } from 'node:path';
import { openPostgres, openSqlite, type SqlClient } from '@tessera/db';

/** Where a scenario's database lives. */
export type DatabaseLocation =
  | { readonly kind: 'sqlite'; readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly serverLog: string | null };

export function openLocation(at: DatabaseLocation): SqlClient {
  return at.kind === 'sqlite'
    ? openSqlite({ path: join(at.dataDir, 'tessera.db') })
    : openPostgres({ url: at.url, poolSize: 2 });
}

const COUNTS = `SELECT
  (SELECT COUNT(*) FROM tasks) AS tasks,
  (SELECT COUNT(*) FROM tasks WHERE status = 'completed') AS completed,
  (SELECT COUNT(*) FROM annotations) AS annotations,
  (SELECT COUNT(*) FROM assignments WHERE status = 'submitted') AS submitted,
  (SELECT COUNT(*) FROM assignments WHERE status = 'active') AS active,
  (SELECT COUNT(*) FROM final_labels) AS final_labels,
  (SELECT COUNT(*) FROM events WHERE type = 'task.completed') AS completed_events,
  (SELECT COUNT(*) FROM outbox WHERE event_type = 'task.completed') AS completed_outbox,
  (SELECT COUNT(*) FROM (SELECT task_id FROM assignments GROUP BY task_id
     HAVING COUNT(DISTINCT annotator_id) <> ?) wrong) AS tasks_without_k_annotators`;

/**
 * After a lifecycle run: every task completed once, with K annotations from K different annotators, one
 * final label, its `task.completed` event and outbox row, and no lease left open. Throws on any difference.
 */
export async function verifyLifecycle(
  at: DatabaseLocation,
  tasks: number,
  consensus: number,
): Promise<string> {
  const client = openLocation(at);
  try {
    const [row] = await client.all<Record<string, unknown>>(COUNTS, [consensus]);
    const expected: Record<string, number> = {
      tasks,
      completed: tasks,
      annotations: tasks * consensus,
      submitted: tasks * consensus,
      active: 0,
      final_labels: tasks,
      completed_events: tasks,
      completed_outbox: tasks,
      tasks_without_k_annotators: 0,
    };
    const wrong = Object.entries(expected).filter(([k, v]) => Number(row?.[k]) !== v);
    if (wrong.length > 0) {
      const detail = wrong.map(([k, v]) => `${k}: ${String(row?.[k])} (expected ${v})`).join(', ');
      throw new Error(`database counts do not match the run: ${detail}`);
    }
    return `verified: ${tasks} completed, ${tasks * consensus} annotations, ${tasks} events + outbox rows`;
  } finally {
    await client.close();
  }
}

/**
 * PostgreSQL only: transactions committed in the scenario's database so far (pg_stat_database; backends flush
 * their counts when they exit, so read it after the serve processes stopped).
 */
export async function committedTransactions(at: DatabaseLocation): Promise<number | null> {
  if (at.kind !== 'postgres') return null;
  const client = openLocation(at);
  try {
    const [row] = await client.all<{ n: unknown }>(
      'SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()',
    );
    return Number(row?.n);
  } finally {
    await client.close();
  }
}
