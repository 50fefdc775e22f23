import type { SqlClient } from '@tessera/db';
import type { StoredElement } from './history-checker';

/** Every annotation row as the element the history added: `task#token` of its lease (orphans stand out). */
export async function storedAnnotations(client: SqlClient): Promise<StoredElement[]> {
  const rows = await client.all<{ id: string; task_id: string | null; token: number | null }>(
    `SELECT a.id, s.task_id, s.token FROM annotations a LEFT JOIN assignments s ON s.id = a.assignment_id`,
  );
  return rows.map((r) => ({
    value: r.task_id === null ? `orphan:${r.id}` : `${r.task_id}#${Number(r.token)}`,
    id: r.id,
  }));
}

/**
 * The audit query and the unique index: no lease has two annotations. Creating the unique index succeeds
 * only when that holds; it is dropped again so the schema stays as shipped.
 */
export async function duplicateAudit(
  client: SqlClient,
): Promise<{ duplicates: string[]; uniqueIndex: boolean }> {
  const rows = await client.all<{ assignment_id: string }>(
    'SELECT assignment_id FROM annotations WHERE assignment_id IS NOT NULL GROUP BY assignment_id HAVING COUNT(*) > 1',
  );
  let uniqueIndex = true;
  try {
    await client.run('CREATE UNIQUE INDEX audit_annotation_per_lease ON annotations (assignment_id)');
    await client.run('DROP INDEX audit_annotation_per_lease');
  } catch {
    uniqueIndex = false;
  }
  return { duplicates: rows.map((r) => r.assignment_id), uniqueIndex };
}

/** Counts that must agree after a run: submitted leases, annotations, and completed tasks (k = 1). */
export async function queueCounts(
  client: SqlClient,
): Promise<{ submitted: number; annotations: number; completed: number }> {
  const [row] = await client.all<{ s: number; a: number; c: number }>(
    `SELECT (SELECT COUNT(*) FROM assignments WHERE status = 'submitted') AS s,
            (SELECT COUNT(*) FROM annotations) AS a,
            (SELECT COUNT(*) FROM tasks WHERE status = 'completed') AS c`,
  );
  return { submitted: Number(row?.s), annotations: Number(row?.a), completed: Number(row?.c) };
}

/** SQLite's own checks: `PRAGMA integrity_check` rows and `PRAGMA foreign_key_check` violations. */
export async function sqliteIntegrity(
  client: SqlClient,
): Promise<{ integrity: string[]; foreignKeys: unknown[] }> {
  const integrity = await client.all<{ integrity_check: string }>('PRAGMA integrity_check');
  const foreignKeys = await client.all('PRAGMA foreign_key_check');
  return { integrity: integrity.map((r) => r.integrity_check), foreignKeys };
}
