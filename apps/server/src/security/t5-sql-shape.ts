import type { Token } from './t5-sql-tokens';

/**
 * What the T5 statement reader extracts from one SQL statement (tables, comparisons, INSERT columns, ON
 * CONFLICT), and the token-level helpers it reads operands with.
 */

export type Clause =
  | 'start'
  | 'select'
  | 'from'
  | 'join'
  | 'on'
  | 'where'
  | 'group'
  | 'having'
  | 'order'
  | 'limit'
  | 'set'
  | 'values'
  | 'returning'
  | 'conflict'
  | 'upsert-where'
  | 'other';

export interface TableRef {
  readonly table: string;
  /** The alias, or the table's own name. */
  readonly alias: string;
  readonly scope: number;
  readonly role: 'read' | 'write' | 'insert';
  /** Joined by LEFT JOIN: its ON condition narrows only this table. */
  readonly outer: boolean;
  /** INSERT: the column list. */
  readonly columns: readonly string[] | null;
}

export interface ColumnRef {
  readonly qualifier: string | null;
  readonly column: string;
}

export type Operand =
  | { readonly kind: 'column'; readonly ref: ColumnRef }
  | { readonly kind: 'value' }
  | { readonly kind: 'other' };

export interface Equality {
  readonly left: Operand;
  readonly right: Operand;
  readonly scope: number;
  readonly clause: Clause;
  /** In a WHERE, ON or HAVING condition of its scope, and not under an OR, NOT or CASE there. */
  readonly filter: boolean;
  /** In the ON of a JOIN: the index in `refs` of the table that JOIN added (-1: a subquery or function). */
  readonly onRef: number | null;
}

export interface ParsedStatement {
  /** The statement's first keyword (after any WITH list): select, insert, update, delete, create, … */
  readonly verb: string;
  /** Parent scope of each SELECT scope (scope 0 is the statement itself). */
  readonly scopeParents: readonly (number | null)[];
  readonly refs: readonly TableRef[];
  readonly equalities: readonly Equality[];
  readonly conflict: {
    readonly target: readonly string[] | null;
    readonly action: 'nothing' | 'update';
  } | null;
  /** Constructs the rule does not reason about (a RIGHT or FULL join). */
  readonly unsupported: readonly string[];
  /** Unresolved parts outside string literals. */
  readonly holes: number;
}

/** SQL's reserved words as the statements spell them; the tokenizer lowercases every word, so the set does too. */
export const KEYWORDS = new Set(
  (
    'SELECT FROM WHERE JOIN LEFT RIGHT FULL INNER CROSS OUTER NATURAL ON SET VALUES GROUP ORDER LIMIT OFFSET ' +
    'HAVING UNION INTERSECT EXCEPT RETURNING FOR USING WINDOW AS LATERAL DO AND OR NOT INTO UPDATE DELETE ' +
    'INSERT WITH CONFLICT NOTHING CASE WHEN THEN ELSE END IS IN EXISTS NULL TRUE FALSE DISTINCT ALL ANY BY'
  )
    .toLowerCase()
    .split(' '),
);

export const CLAUSE_WORDS: Readonly<Record<string, Clause>> = {
  select: 'select',
  where: 'where',
  group: 'group',
  having: 'having',
  order: 'order',
  limit: 'limit',
  offset: 'limit',
  values: 'values',
  returning: 'returning',
  union: 'other',
  intersect: 'other',
  except: 'other',
  window: 'other',
};

export const isWord = (t: Token | undefined, value?: string): t is Token =>
  t !== undefined && t.kind === 'word' && (value === undefined || t.value === value);
export const isName = (t: Token | undefined): t is Token => isWord(t) && !KEYWORDS.has(t.value);

/** Reads the operand that ends just before `i` (`step` -1) or starts just after it (`step` 1). */
export function operandAt(tokens: readonly Token[], i: number, step: 1 | -1): Operand {
  const t = tokens[i];
  if (t === undefined) return { kind: 'other' };
  if (t.kind === 'param' || t.kind === 'string' || t.kind === 'number') return { kind: 'value' };
  if (!isName(t)) return { kind: 'other' };
  const dot = tokens[i + step];
  const other = tokens[i + 2 * step];
  if (dot?.kind === 'dot' && isWord(other)) {
    return step === 1
      ? { kind: 'column', ref: { qualifier: t.value, column: other.value } }
      : { kind: 'column', ref: { qualifier: other.value, column: t.value } };
  }
  if (step === 1 && dot?.kind === 'open') return { kind: 'other' }; // a function call
  return { kind: 'column', ref: { qualifier: null, column: t.value } };
}

/** An operand counts only when nothing but a condition boundary lies on its far side (`a + b = ?` does not). */
export function bounded(tokens: readonly Token[], i: number, step: 1 | -1, operand: Operand): boolean {
  const width = operand.kind === 'column' && operand.ref.qualifier !== null ? 3 : 1;
  const t = tokens[i + width * step];
  if (t === undefined) return true;
  if (step === -1) return t.kind === 'open' || (t.kind === 'word' && KEYWORDS.has(t.value));
  if (t.kind === 'op') return t.value === ';' || t.value === '::';
  return t.kind === 'close' || t.kind === 'comma' || (t.kind === 'word' && KEYWORDS.has(t.value));
}
