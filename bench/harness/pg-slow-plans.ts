/**
 * The plans PostgreSQL actually ran for slow statements, from its log (auto_explain, loaded by the harness's
 * durable server under `--sql-stats`). pg_stat_statements says which statement is slow; only the plan the
 * serve processes' prepared statements ran says why, and a fresh session's EXPLAIN cannot show it: those
 * generic plans were made when the tables were younger. Finding the lease's Seq Scan of `assignments` took
 * a hand-started server with auto_explain; this file writes the same evidence beside `pg-stats-<name>.txt`.
 */

export const SLOW_PLAN_MS = 1;

/**
 * auto_explain settings for the server: each plan with the rows every node produced and the buffers it touched
 * (a lease that hands LockRows ten candidates for one row is waiting on other leases' locks), without per-node
 * timing, which would read the clock around every row of every query.
 */
export const SLOW_PLAN_SETTINGS = [
  `auto_explain.log_min_duration=${SLOW_PLAN_MS}ms`,
  'auto_explain.log_analyze=on',
  'auto_explain.log_buffers=on',
  'auto_explain.log_timing=off',
  // The database name starts every line, so a scenario reads only its own plans from the shared log.
  'log_line_prefix=db=%d:',
] as const;

export interface SlowPlan {
  readonly query: string;
  readonly count: number;
  readonly totalMs: number;
  readonly slowestMs: number;
  /** The plan of the slowest execution, one node per line. */
  readonly plan: readonly string[];
}

const ENTRY = /^db=([^:]*):LOG: {2}duration: ([\d.]+) ms {2}plan:$/;

/** One auto_explain entry: its first line, then the tab-indented lines of query text and plan. */
function* entries(log: string, database: string): Generator<{ ms: number; lines: string[] }> {
  let current: { ms: number; lines: string[] } | null = null;
  for (const line of log.split('\n')) {
    if (current !== null && line.startsWith('\t')) {
      current.lines.push(line.slice(1));
      continue;
    }
    if (current !== null) yield current;
    const m = ENTRY.exec(line);
    current = m !== null && m[1] === database ? { ms: Number(m[2]), lines: [] } : null;
  }
  if (current !== null) yield current;
}

/** Splits an entry into its query text (after "Query Text: ") and its plan (from the first costed node). */
function split(lines: readonly string[]): { query: string; plan: string[] } | null {
  if (!lines[0]?.startsWith('Query Text: ')) return null;
  const planStart = lines.findIndex((l) => l.includes('(cost='));
  if (planStart < 1) return null;
  const query = [lines[0].slice('Query Text: '.length), ...lines.slice(1, planStart)]
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { query, plan: lines.slice(planStart) };
}

/** The slow statements of `database` in `log`, grouped by text, most often slow first. */
export function slowPlans(log: string, database: string): SlowPlan[] {
  const byQuery = new Map<string, SlowPlan>();
  for (const entry of entries(log, database)) {
    const parts = split(entry.lines);
    if (parts === null) continue;
    const seen = byQuery.get(parts.query);
    const slowest = seen === undefined || entry.ms > seen.slowestMs;
    byQuery.set(parts.query, {
      query: parts.query,
      count: (seen?.count ?? 0) + 1,
      totalMs: (seen?.totalMs ?? 0) + entry.ms,
      slowestMs: slowest ? entry.ms : (seen?.slowestMs ?? entry.ms),
      plan: slowest ? parts.plan : (seen?.plan ?? parts.plan),
    });
  }
  return [...byQuery.values()].sort((a, b) => b.count - a.count || b.totalMs - a.totalMs);
}

/** A multi-row INSERT's text runs to kilobytes of `($1, $2, …)`: its head says which statement it is. */
const QUERY_CHARS = 300;
function shorten(query: string): string {
  return query.length <= QUERY_CHARS ? query : `${query.slice(0, QUERY_CHARS)}… (${query.length} characters)`;
}

export function formatSlowPlans(plans: readonly SlowPlan[], tasks: number): string {
  const header =
    `Statements that took ≥ ${SLOW_PLAN_MS} ms inside PostgreSQL, with the plan of the slowest execution ` +
    `(auto_explain: the plans the serve processes ran, with actual rows and buffers, no node timing). Slow can ` +
    `also mean it waited for a lock or a CPU; a plan that reads a whole table is the finding.`;
  if (plans.length === 0) return `${header}\n\nnone\n`;
  const blocks = plans.map(
    (p) =>
      `${p.count} × ≥ ${SLOW_PLAN_MS} ms (${(p.count / tasks).toFixed(3)} per task), slowest ${p.slowestMs.toFixed(1)} ms: ${shorten(p.query)}\n` +
      p.plan.map((l) => `    ${l}`).join('\n'),
  );
  return `${header}\n\n${blocks.join('\n\n')}\n`;
}
