import type { SqlSite } from './t5-sql-sites';
import { parseStatement } from './t5-sql-statement';
import { holeMarker, splitStatements } from './t5-sql-tokens';
import { checkParsed, type TenantSchema, type Violation } from './t5-tenant-rule';

/**
 * T5 over a set of SQL sites: every statement text each site can run is checked against the tenant rule.
 * A violation passes only when the site is excused by a reviewed exception (`file#function` → the tables
 * and why) or a `tenant: system — reason` / `tenant: checked — reason` comment on the SQL; a statement with
 * parts the resolver could not read passes only when its site is listed with what those parts are. Stale
 * exceptions fail too, so the list stays exactly what the code needs.
 */

export const EXCEPTIONS_FILE = 'apps/server/src/security/t5-site-exceptions.ts';
export const SCOPES_FILE = 'apps/server/src/security/t5-table-scopes.ts';

export interface SiteException {
  /** Tenant tables this function's statements read or write without an org filter: exactly these. */
  readonly tables: readonly string[];
  /** system: cross-tenant by design. checked: keyed by an id its callers loaded with their org filter. */
  readonly kind: 'system' | 'checked';
  readonly reason: string;
}

export interface CheckInput {
  readonly sites: readonly SqlSite[];
  readonly schema: TenantSchema;
  /** `file#function` → exception. */
  readonly exceptions: Readonly<Record<string, SiteException>>;
  /** `file#function` → what its unresolved SQL parts are and why they cannot drop or widen a tenant filter. */
  readonly unresolved: Readonly<Record<string, string>>;
}

export interface Excused {
  readonly key: string;
  readonly tables: readonly string[];
  readonly how: string;
}

export interface CheckResult {
  /** Everything that fails the check, each message naming file:line, the table and what to do. */
  readonly failures: readonly string[];
  /** Sites that pass only through an exception or a marker (the report's list of by-design statements). */
  readonly excused: readonly Excused[];
  /** Statement texts checked. */
  readonly statements: number;
}

const keyOf = (s: SqlSite) => `${s.file}#${s.func}`;
const shown = (sql: string, holes: readonly string[]) =>
  holes
    .reduce((t, h, i) => t.replaceAll(holeMarker(i), `\${${h}}`), sql)
    .replace(/\s+/g, ' ')
    .slice(0, 240);

function advice(v: Violation, key: string): string {
  const excuse =
    `If it is cross-tenant by design (a sweeper, a purge, a lookup before the tenant is known), put ` +
    `/* tenant: system — <why> */ above the call, or add '${key}': { tables: ['${v.table}'], kind: 'system', ` +
    `reason: '…' } to SITE_EXCEPTIONS in ${EXCEPTIONS_FILE}.`;
  switch (v.kind) {
    case 'unscoped':
      return (
        `Add "AND org_id = ?" bound to the caller's organization (or join it by key to a table that has one), ` +
        `in the WHERE or ON and not under an OR. ${excuse}`
      );
    case 'insert':
      return `List org_id among the INSERT's columns, set to the owning organization. ${excuse}`;
    case 'upsert':
      return `Put org_id in the ON CONFLICT target, or end the DO UPDATE with WHERE ${v.table}.org_id = excluded.org_id.`;
    case 'unknown-table':
      return (
        `Add "${v.table}" to TABLE_SCOPES in ${SCOPES_FILE}: { kind: 'org_id' } when it has an org_id column ` +
        `(preferred), else how it is scoped through its parent, or why it is cross-tenant.`
      );
    case 'unsupported':
      return 'Rewrite it with the constructs the check reads (inner or LEFT joins).';
  }
}

interface KeyState {
  readonly tables: Set<string>;
  hasHoles: boolean;
}

function holesMessage(where: string, key: string, sql: string, holes: readonly string[]): string {
  return (
    `${where}: the SQL has parts the check cannot read: ${holes.map((h) => `\${${h}}`).join(', ')}\n` +
    `  SQL: ${shown(sql, holes)}\n` +
    '  Build it from constants (literals, const, ?:, .join of literal arrays, helper functions returning them), ' +
    `or list '${key}' in UNRESOLVED_SQL in ${EXCEPTIONS_FILE} with what those parts are and why they cannot ` +
    'drop or widen a tenant filter.'
  );
}

function violationMessage(
  where: string,
  key: string,
  v: Violation,
  sql: string,
  holes: readonly string[],
): string {
  const what =
    v.kind === 'unknown-table' || v.kind === 'unsupported'
      ? v.detail
      : `${v.detail} on tenant table "${v.table}"`;
  return `${where}: ${what}\n  SQL: ${shown(sql, holes)}\n  ${advice(v, key)}`;
}

class Checker {
  readonly failures: string[] = [];
  readonly excused: Excused[] = [];
  readonly keys = new Map<string, KeyState>();
  statements = 0;

  constructor(private readonly input: CheckInput) {}

  site(site: SqlSite): void {
    const key = keyOf(site);
    const state = this.keys.get(key) ?? { tables: new Set<string>(), hasHoles: false };
    this.keys.set(key, state);
    const where = `${site.file}:${site.line} (${site.func})`;
    const reported = new Set<string>();
    const report = (id: string, message: () => string) => {
      if (!reported.has(id)) this.failures.push(message());
      reported.add(id);
    };
    for (const sql of site.texts.flatMap(splitStatements)) {
      this.statements++;
      const parsed = parseStatement(sql);
      const violations = checkParsed(parsed, this.input.schema);
      if (parsed.holes > 0) state.hasHoles = true;
      if (site.marker !== null) {
        const how = `${site.marker.kind}: ${site.marker.reason}`;
        if (violations.length > 0) this.excused.push({ key, tables: violations.map((v) => v.table), how });
        continue;
      }
      if (parsed.holes > 0 && this.input.unresolved[key] === undefined) {
        report('holes', () => holesMessage(where, key, sql, site.holes));
      }
      for (const v of violations) {
        const forgivable = v.kind !== 'unknown-table' && v.kind !== 'unsupported';
        if (forgivable) state.tables.add(v.table);
        if (forgivable && this.input.exceptions[key]?.tables.includes(v.table)) continue;
        report(`${v.kind}:${v.table}`, () => violationMessage(where, key, v, sql, site.holes));
      }
    }
  }

  /** Exceptions and unresolved entries must still match what the code does. */
  entries(): void {
    for (const [key, e] of Object.entries(this.input.exceptions)) {
      const found = this.keys.get(key);
      if (found === undefined) {
        this.failures.push(`SITE_EXCEPTIONS['${key}'] matches no SQL site any more: remove it.`);
        continue;
      }
      const extra = e.tables.filter((t) => !found.tables.has(t));
      if (extra.length > 0) {
        this.failures.push(
          `SITE_EXCEPTIONS['${key}'] lists ${extra.join(', ')}, which its SQL now scopes: remove them.`,
        );
      }
      this.excused.push({ key, tables: e.tables, how: `${e.kind}: ${e.reason}` });
    }
    for (const key of Object.keys(this.input.unresolved)) {
      if (this.keys.get(key)?.hasHoles !== true) {
        this.failures.push(
          `UNRESOLVED_SQL['${key}'] matches no SQL with unresolved parts any more: remove it.`,
        );
      }
    }
  }
}

export function runTenantCheck(input: CheckInput): CheckResult {
  const checker = new Checker(input);
  for (const site of input.sites) if (site.coveredBy === null) checker.site(site);
  checker.entries();
  return { failures: checker.failures, excused: checker.excused, statements: checker.statements };
}
