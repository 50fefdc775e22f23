import { CUSTOM_PLAN, NOT_EXACTLY_ONE_ROW, type SqlValue } from './sql-client';

/** What pg's `query` takes: a named statement is parsed once per connection. */
export interface PgQueryConfig {
  readonly name?: string;
  readonly text: string;
  readonly values: unknown[];
}

/** Rewrites `?` placeholders to `$1…$n` once per SQL text and names the statement so pg prepares it once. */
export class StatementNames {
  private readonly names = new Map<string, { name: string; text: string }>();
  private readonly checked = new Map<string, string>();
  get(sql: string): { name: string; text: string } {
    let entry = this.names.get(sql);
    if (entry === undefined) {
      let n = 0;
      entry = { name: `t${this.names.size + 1}`, text: sql.replace(/\?/g, () => `$${++n}`) };
      this.names.set(sql, entry);
    }
    return entry;
  }

  /** `exactlyOneRowSql(sql)`, built once per SQL text. */
  exactlyOne(sql: string): string {
    let text = this.checked.get(sql);
    if (text === undefined) {
      text = exactlyOneRowSql(sql);
      this.checked.set(sql, text);
    }
    return text;
  }

  /** The query for `sql`: named, unless it asks for a custom plan on every execution (`CUSTOM_PLAN`). */
  query(sql: string, params: readonly SqlValue[]): PgQueryConfig {
    const { name, text } = this.get(sql);
    const values = params as unknown[];
    return sql.startsWith(CUSTOM_PLAN) ? { text, values } : { name, text, values };
  }
}

/**
 * `sql` (one INSERT, UPDATE or DELETE without RETURNING) as a statement that raises unless it changed exactly
 * one row, so that a transaction pipelined behind it fails (`SqlExecutor.deferOne`). SQL has no RAISE outside
 * PL/pgSQL: the ELSE branch casts the message to an integer, which fails with the message in the error text.
 * A data-modifying WITH runs exactly once; the ELSE depends on the count, so it is never evaluated at plan time.
 */
export function exactlyOneRowSql(sql: string): string {
  return (
    `WITH changed AS (${sql} RETURNING 1) SELECT CASE count(*) WHEN 1 THEN 1 ` +
    `ELSE CAST('${NOT_EXACTLY_ONE_ROW} ' || count(*) AS integer) END FROM changed`
  );
}
