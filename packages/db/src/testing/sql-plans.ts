import type { SqlExecutor, SqlValue } from '../sql-client';

/** A node of PostgreSQL's `EXPLAIN (FORMAT JSON)` plan: the fields the plan tests read. */
export interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly 'Parent Relationship'?: string;
  readonly Plans?: readonly PlanNode[];
}

/** Every node of a plan, the root first. */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/** The plan PostgreSQL would run `sql` with (`EXPLAIN (FORMAT JSON)`), as a list of its nodes. */
export async function postgresPlan(
  tx: SqlExecutor,
  sql: string,
  params: readonly SqlValue[] = [],
): Promise<PlanNode[]> {
  const [row] = await tx.all<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const plan = row?.['QUERY PLAN'][0]?.Plan;
  if (plan === undefined) throw new Error(`no plan for ${sql}`);
  return planNodes(plan);
}

export interface SentStatement {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

/**
 * The statements `use` sends through an executor of `dialect`, with their parameters, none of them run: every
 * read answers no rows and every write changes none.
 */
export async function sentStatements(
  dialect: SqlExecutor['dialect'],
  use: (executor: SqlExecutor) => Promise<unknown>,
): Promise<SentStatement[]> {
  const sent: SentStatement[] = [];
  const capture = async (sql: string, params: readonly SqlValue[] = []) => {
    sent.push({ sql, params });
    return 0;
  };
  await use({
    dialect,
    all: async <T>(sql: string, params?: readonly SqlValue[]) => {
      await capture(sql, params);
      return [] as T[];
    },
    run: capture,
    defer: async (sql, params) => void (await capture(sql, params)),
    deferOne: async (sql, params) => void (await capture(sql, params)),
  });
  return sent;
}
