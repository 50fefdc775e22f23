import { CUSTOM_PLAN, type SqlValue } from './sql-client';

/** What pg's `query` takes: a named statement is parsed once per connection. */
export interface PgQueryConfig {
  readonly name?: string;
  readonly text: string;
  readonly values: unknown[];
}

/** Rewrites `?` placeholders to `$1…$n` once per SQL text and names the statement so pg prepares it once. */
export class StatementNames {
  private readonly names = new Map<string, { name: string; text: string }>();
  get(sql: string): { name: string; text: string } {
    let entry = this.names.get(sql);
    if (entry === undefined) {
      let n = 0;
      entry = { name: `t${this.names.size + 1}`, text: sql.replace(/\?/g, () => `$${++n}`) };
      this.names.set(sql, entry);
    }
    return entry;
  }

  /** The query for `sql`: named, unless it asks for a custom plan on every execution (`CUSTOM_PLAN`). */
  query(sql: string, params: readonly SqlValue[]): PgQueryConfig {
    const { name, text } = this.get(sql);
    const values = params as unknown[];
    return sql.startsWith(CUSTOM_PLAN) ? { text, values } : { name, text, values };
  }
}
