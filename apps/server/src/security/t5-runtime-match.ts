import type { SqlSite } from './t5-sql-sites';
import { parseStatement } from './t5-sql-statement';
import { splitStatements } from './t5-sql-tokens';
import type { SiteException } from './t5-tenant-check';
import { checkParsed, type TenantSchema } from './t5-tenant-rule';

/**
 * The runtime half of T5: statements recorded while the app served real requests, held against the static
 * check. Every executed statement on a tenant table must be one the static check found: one of a site's
 * texts (its unresolved parts matching anything), or, for a WHERE assembled from optional conditions (the
 * resolver checks each condition in its own variant, not every combination), a text that is the same apart
 * from its WHERE conditions. One that breaks the rule must come from a site the reviewed exceptions (or a
 * marker) excuse for exactly those tables.
 */

/** Whitespace, placeholder lists (`IN (?, ?)`, multi-row VALUES) and numbers folded, so texts compare. */
export function normalizeSql(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(/\(\s*\?(?:\s*,\s*\?)*\s*\)/g, '(?)')
    .replace(/\(\?\)(?:\s*,\s*\(\?\))+/g, '(?)')
    .replace(/\b\d+(?:\.\d+)?\b/g, '0')
    .trim();
}

const HOLE = /\uE000\d+\uE001/;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Pattern {
  readonly site: SqlSite;
  readonly re: RegExp;
  readonly shape: RegExp;
}

/** The text with every WHERE condition list cut out (up to the next clause of the same statement). */
const shapeOf = (text: string) =>
  text.replace(/ WHERE .*?(?= ORDER BY | GROUP BY | LIMIT | RETURNING | FOR UPDATE|\)|$)/g, ' WHERE …');

const regexOf = (text: string) => new RegExp(`^${text.split(HOLE).map(escapeRegExp).join('[\\s\\S]*?')}$`);

function patterns(sites: readonly SqlSite[]): Pattern[] {
  return sites.flatMap((site) =>
    site.coveredBy !== null
      ? []
      : site.texts.flatMap((text) => {
          const normal = normalizeSql(text);
          if (normal.split(HOLE).every((p) => p.trim() === '')) return []; // a whole statement unknown: matches nothing
          return [{ site, re: regexOf(normal), shape: regexOf(shapeOf(normal)) }];
        }),
  );
}

export interface RuntimeReport {
  readonly failures: readonly string[];
  /** Distinct executed statements that touch a tenant table. */
  readonly tenantStatements: number;
}

export function matchRecorded(
  recorded: Iterable<string>,
  sites: readonly SqlSite[],
  schema: TenantSchema,
  exceptions: Readonly<Record<string, SiteException>>,
): RuntimeReport {
  const known = patterns(sites);
  const failures: string[] = [];
  let tenantStatements = 0;
  for (const sql of new Set([...recorded].flatMap(splitStatements))) {
    const parsed = parseStatement(sql);
    const tenant = parsed.refs.some((r) => {
      const scope = schema.scopes.get(r.table);
      return scope === undefined || scope.kind !== 'system';
    });
    if (!tenant) continue;
    tenantStatements++;
    const text = normalizeSql(sql);
    const exact = known.filter((p) => p.re.test(text));
    const matches = exact.length > 0 ? exact : known.filter((p) => p.shape.test(shapeOf(text)));
    if (matches.length === 0) {
      failures.push(`executed, but not found by the static check: ${text.slice(0, 300)}`);
      continue;
    }
    const violations = checkParsed(parsed, schema);
    if (violations.length === 0) continue;
    const excused = matches.some(
      ({ site }) =>
        site.marker !== null ||
        violations.every((v) => exceptions[`${site.file}#${site.func}`]?.tables.includes(v.table) === true),
    );
    if (!excused) {
      const where = matches.map((m) => `${m.site.file}:${m.site.line}`).join(', ');
      failures.push(`executed (${where}), breaks the rule and is not excused: ${text.slice(0, 300)}`);
    }
  }
  return { failures, tenantStatements };
}
