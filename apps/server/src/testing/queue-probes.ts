import type { SqlClient } from '@tessera/db';

/** Lease invariants at one instant (one read snapshot). */
export interface LeaseSample {
  /** Most active leases on one task (assignments table). */
  readonly maxActive: number;
  /** Most `leases_active` on one task, and most `annotations_done + leases_active` (committed slots). */
  readonly maxLeasesActive: number;
  readonly maxCommitted: number;
  /** Tasks whose `leases_active` disagrees with their active assignments. */
  readonly counterMismatch: number;
  /** (task, annotator) pairs with two active leases at once. */
  readonly doubleHeld: number;
}

const n = (v: unknown) => Number(v ?? 0);

/** Samples the lease invariants of Q4 (no task over k live leases; no annotator holding a task twice). */
export function leaseProbe(client: SqlClient): () => Promise<LeaseSample> {
  return () =>
    client.read(async (tx) => {
      const [a] = await tx.all<{ m: number }>(
        `SELECT MAX(c) AS m FROM (SELECT COUNT(*) AS c FROM assignments WHERE status = 'active' GROUP BY task_id) x`,
      );
      const [t] = await tx.all<{ l: number; c: number }>(
        'SELECT MAX(leases_active) AS l, MAX(annotations_done + leases_active) AS c FROM tasks',
      );
      const [m] = await tx.all<{ m: number }>(
        `SELECT COUNT(*) AS m FROM tasks t LEFT JOIN
           (SELECT task_id, COUNT(*) AS c FROM assignments WHERE status = 'active' GROUP BY task_id) s
           ON s.task_id = t.id
         WHERE t.leases_active <> COALESCE(s.c, 0)`,
      );
      const [d] = await tx.all<{ d: number }>(
        `SELECT COUNT(*) AS d FROM (SELECT task_id, annotator_id FROM assignments WHERE status = 'active'
           GROUP BY task_id, annotator_id HAVING COUNT(*) > 1) x`,
      );
      return {
        maxActive: n(a?.m),
        maxLeasesActive: n(t?.l),
        maxCommitted: n(t?.c),
        counterMismatch: n(m?.m),
        doubleHeld: n(d?.d),
      };
    });
}

/** Task counts at one instant; `created` must equal the sum of the four states (Q5). */
export interface ConservationSample {
  readonly created: number;
  readonly pending: number;
  readonly leased: number;
  readonly done: number;
  readonly dead: number;
}

/**
 * Counts tasks by state from two sources: pending (queued, no active lease), leased (has an active
 * assignment), done (completed), dead (dead-lettered). For k = 1 and no review every task is in exactly one.
 */
export function conservationProbe(client: SqlClient): () => Promise<ConservationSample> {
  return () =>
    client.read(async (tx) => {
      const [r] = await tx.all<Record<string, number>>(
        `SELECT (SELECT COUNT(*) FROM tasks) AS created,
           (SELECT COUNT(*) FROM tasks t WHERE t.stage = 'queued' AND NOT EXISTS
              (SELECT 1 FROM assignments s WHERE s.task_id = t.id AND s.status = 'active')) AS pending,
           (SELECT COUNT(DISTINCT task_id) FROM assignments WHERE status = 'active') AS leased,
           (SELECT COUNT(*) FROM tasks WHERE status = 'completed') AS done,
           (SELECT COUNT(*) FROM tasks WHERE stage = 'dead') AS dead`,
      );
      return {
        created: n(r?.created),
        pending: n(r?.pending),
        leased: n(r?.leased),
        done: n(r?.done),
        dead: n(r?.dead),
      };
    });
}

/** Samples that break the lease invariants for consensus `k`. */
export function leaseViolations(samples: readonly LeaseSample[], k: number): LeaseSample[] {
  return samples.filter(
    (s) =>
      s.maxActive > k ||
      s.maxLeasesActive > k ||
      s.maxCommitted > k ||
      s.counterMismatch > 0 ||
      s.doubleHeld > 0,
  );
}

/**
 * Per task after a run: lease tokens exactly 1..n (each lease took the next fencing token; none reused or
 * skipped), k submitted leases from k distinct annotators, and no annotator leased it twice.
 */
export async function finalLeaseAudit(client: SqlClient, k: number) {
  const rows = await client.all<{ task_id: string; token: number; annotator_id: string; status: string }>(
    'SELECT task_id, token, annotator_id, status FROM assignments ORDER BY task_id, token',
  );
  const byTask = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byTask.get(r.task_id) ?? [];
    list.push(r);
    byTask.set(r.task_id, list);
  }
  const badTokens: string[] = [];
  const wrongCount: string[] = [];
  const repeatedAnnotator: string[] = [];
  for (const [task, list] of byTask) {
    if (list.some((r, i) => Number(r.token) !== i + 1)) badTokens.push(task);
    const submitted = list.filter((r) => r.status === 'submitted');
    if (submitted.length !== k || new Set(submitted.map((r) => r.annotator_id)).size !== k)
      wrongCount.push(task);
    if (new Set(list.map((r) => r.annotator_id)).size !== list.length) repeatedAnnotator.push(task);
  }
  return { tasks: byTask.size, badTokens, wrongCount, repeatedAnnotator };
}
