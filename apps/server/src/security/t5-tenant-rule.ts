import type { ColumnRef, Equality, ParsedStatement, TableRef } from './t5-sql-shape';
import { parseStatement } from './t5-sql-statement';

/**
 * The T5 rule for one statement. A tenant table is one whose rows belong to one organization:
 * - every SELECT, UPDATE or DELETE that reads or writes one constrains it, in a WHERE/ON/HAVING condition
 *   that no OR, NOT or CASE weakens, by `tenant_column = <parameter or literal>`, or joins it by key
 *   (`x.org_id = y.org_id`, `x.id = y.x_id`, `x.k_id = y.k_id`) to a table that is constrained (an ON of a
 *   LEFT JOIN narrows only the table it joins);
 * - every INSERT into one lists the tenant column, and an upsert's DO UPDATE can only hit a row of the same
 *   organization (the conflict target includes the tenant column, or its WHERE says
 *   `t.org_id = excluded.org_id`).
 */

/** How a table's rows are tied to an organization (the reviewed table in `t5-table-scopes.ts`). */
export type TableScope =
  /** Every row carries the owning organization in `org_id`. */
  | { readonly kind: 'org_id' }
  /** The tenant itself: its key `column` is the organization id. */
  | { readonly kind: 'root'; readonly column: string }
  /** A child without org_id: scoped only by a key join to `parent` (itself scoped) on `column`. */
  | { readonly kind: 'parent'; readonly column: string; readonly parent: string }
  /** Shared by every organization, or none: cross-tenant by design. */
  | { readonly kind: 'system'; readonly reason: string };

export interface TenantSchema {
  /** Columns of every table the migrations create. */
  readonly columns: ReadonlyMap<string, ReadonlySet<string>>;
  readonly scopes: ReadonlyMap<string, TableScope>;
}

export type ViolationKind = 'unscoped' | 'insert' | 'upsert' | 'unknown-table' | 'unsupported';

export interface Violation {
  readonly kind: ViolationKind;
  /** The table concerned (empty for an unsupported construct). */
  readonly table: string;
  readonly detail: string;
}

const NO_ROWS = new Set(
  'create alter drop begin commit rollback savepoint release pragma set analyze vacuum reindex show'.split(
    ' ',
  ),
);
const ROW_VERBS = new Set(['select', 'insert', 'update', 'delete']);

function tenantColumn(scope: TableScope): string | null {
  if (scope.kind === 'org_id') return 'org_id';
  return scope.kind === 'root' ? scope.column : null;
}

const isTenant = (s: TableScope | undefined): s is Exclude<TableScope, { kind: 'system' }> =>
  s !== undefined && s.kind !== 'system';

class Scoper {
  private readonly scoped = new Set<number>();

  constructor(
    private readonly st: ParsedStatement,
    private readonly schema: TenantSchema,
  ) {}

  private refOf(col: ColumnRef, scope: number): number {
    for (let s: number | null = scope; s !== null; s = this.st.scopeParents[s] ?? null) {
      const here = this.st.refs.flatMap((r, i) => (r.scope === s ? [i] : []));
      const hits = here.filter((i) => {
        const r = this.st.refs[i] as TableRef;
        return col.qualifier === null
          ? this.schema.columns.get(r.table)?.has(col.column) === true
          : r.alias === col.qualifier || r.table === col.qualifier;
      });
      if (hits.length === 1) return hits[0] as number;
      if (hits.length > 1) return -1;
    }
    return -1;
  }

  private tenantCol(i: number): string | null {
    const scope = this.schema.scopes.get(this.st.refs[i]?.table ?? '');
    return scope === undefined || scope.kind === 'system' ? null : tenantColumn(scope);
  }

  private keyJoin(a: number, ca: string, b: number, cb: string): boolean {
    const ta = this.tenantCol(a);
    const tb = this.tenantCol(b);
    if (ta !== null && tb !== null && ca === ta && cb === tb) return true;
    if (ca === 'id' && cb.endsWith('_id')) return true;
    if (cb === 'id' && ca.endsWith('_id')) return true;
    return ca === cb && ca.endsWith('_id');
  }

  /** May `e` narrow table `i`? (An ON of a LEFT JOIN narrows only the table it joins.) */
  private narrows(e: Equality, i: number): boolean {
    if (!e.filter || e.clause === 'upsert-where') return false;
    if (e.onRef === null) return true;
    const joined = this.st.refs[e.onRef];
    return joined === undefined || !joined.outer || e.onRef === i;
  }

  private direct(e: Equality): void {
    for (const [col, other] of [
      [e.left, e.right],
      [e.right, e.left],
    ] as const) {
      if (col.kind !== 'column' || other.kind !== 'value') continue;
      const i = this.refOf(col.ref, e.scope);
      if (i >= 0 && col.ref.column === this.tenantCol(i) && this.narrows(e, i)) this.scoped.add(i);
    }
  }

  /** One propagation pass over key joins; true when a table became scoped. */
  private propagate(): boolean {
    let grew = false;
    for (const e of this.st.equalities) {
      if (e.left.kind !== 'column' || e.right.kind !== 'column') continue;
      const a = this.refOf(e.left.ref, e.scope);
      const b = this.refOf(e.right.ref, e.scope);
      if (a < 0 || b < 0 || a === b || !this.keyJoin(a, e.left.ref.column, b, e.right.ref.column)) continue;
      for (const [to, from] of [
        [a, b],
        [b, a],
      ] as const) {
        if (this.scoped.has(from) && !this.scoped.has(to) && this.narrows(e, to)) {
          this.scoped.add(to);
          grew = true;
        }
      }
    }
    return grew;
  }

  scopedRefs(): ReadonlySet<number> {
    for (const e of this.st.equalities) this.direct(e);
    while (this.propagate()) {
      // until no key join scopes another table
    }
    return this.scoped;
  }
}

function upsertGuarded(st: ParsedStatement, ref: TableRef, column: string): boolean {
  if (st.conflict === null || st.conflict.action === 'nothing') return true;
  if (st.conflict.target?.includes(column)) return true;
  return st.equalities.some((e) => {
    if (e.clause !== 'upsert-where' || !e.filter) return false;
    const sides = [e.left, e.right];
    const mine = sides.some(
      (s) =>
        s.kind === 'column' &&
        s.ref.column === column &&
        (s.ref.qualifier === null || s.ref.qualifier === ref.alias || s.ref.qualifier === ref.table),
    );
    const excluded = sides.some(
      (s) => s.kind === 'column' && s.ref.qualifier === 'excluded' && s.ref.column === column,
    );
    return mine && excluded;
  });
}

function insertViolations(st: ParsedStatement, ref: TableRef, scope: TableScope): Violation[] {
  const column = tenantColumn(scope);
  if (column === null) {
    return [
      { kind: 'insert', table: ref.table, detail: 'INSERT into a table scoped only through its parent' },
    ];
  }
  const out: Violation[] = [];
  if (ref.columns === null || !ref.columns.includes(column)) {
    out.push({ kind: 'insert', table: ref.table, detail: `INSERT does not set ${column}` });
  }
  if (!upsertGuarded(st, ref, column)) {
    out.push({
      kind: 'upsert',
      table: ref.table,
      detail: `ON CONFLICT DO UPDATE may update another organization's row (the conflict target lacks ${column})`,
    });
  }
  return out;
}

/** Checks one parsed statement against the rule. */
export function checkParsed(st: ParsedStatement, schema: TenantSchema): Violation[] {
  const out: Violation[] = st.unsupported.map((u) => ({ kind: 'unsupported', table: '', detail: u }));
  if (NO_ROWS.has(st.verb) || st.verb === '') return out;
  if (!ROW_VERBS.has(st.verb)) {
    return [...out, { kind: 'unsupported', table: '', detail: `unrecognised statement "${st.verb}"` }];
  }
  const scoped = new Scoper(st, schema).scopedRefs();
  st.refs.forEach((ref, i) => {
    const scope = schema.scopes.get(ref.table);
    if (scope === undefined) {
      out.push({
        kind: 'unknown-table',
        table: ref.table,
        detail: `table "${ref.table}" has no reviewed scope`,
      });
    } else if (isTenant(scope) && ref.role === 'insert') {
      out.push(...insertViolations(st, ref, scope));
    } else if (isTenant(scope) && !scoped.has(i)) {
      const verb = ref.role === 'write' ? st.verb.toUpperCase() : 'SELECT';
      const how = scope.kind === 'parent' ? `a join to ${scope.parent} on ${scope.column}` : 'an org filter';
      out.push({ kind: 'unscoped', table: ref.table, detail: `${verb} ${ref.role}s it without ${how}` });
    }
  });
  const unique = new Map(out.map((v) => [`${v.kind}:${v.table}:${v.detail}`, v]));
  return [...unique.values()];
}

/** Parses and checks one statement. */
export function checkStatement(sql: string, schema: TenantSchema): Violation[] {
  return checkParsed(parseStatement(sql), schema);
}
