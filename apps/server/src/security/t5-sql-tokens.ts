/**
 * A small SQL tokenizer for the tenant-scope check (T5): words, parameters, literals, operators and
 * parentheses, enough to find table references and equality predicates. Comments are dropped. A part of the
 * SQL that the source analysis could not resolve is embedded as a hole sentinel (`holeMarker`): outside a
 * string literal it becomes a `hole` token, inside one it is just part of the literal's value.
 */

export type TokenKind =
  | 'word'
  | 'param'
  | 'string'
  | 'number'
  | 'op'
  | 'open'
  | 'close'
  | 'comma'
  | 'dot'
  | 'hole';

export interface Token {
  readonly kind: TokenKind;
  /** Words: lower case (a quoted identifier keeps its case); holes: the hole's index; others: as written. */
  readonly value: string;
  /** Offset in the SQL text. */
  readonly at: number;
}

const HOLE_OPEN = '\uE000';
const HOLE_CLOSE = '\uE001';

/** The text that stands for unresolved part `index` of a statement. */
export function holeMarker(index: number): string {
  return `${HOLE_OPEN}${index}${HOLE_CLOSE}`;
}

const TWO_CHAR_OPS = new Set(['::', '<=', '>=', '<>', '!=', '||']);

function isWordStart(c: string): boolean {
  return /[A-Za-z_]/.test(c);
}

function isWordChar(c: string): boolean {
  return /[A-Za-z0-9_$]/.test(c);
}

/** Index just past the end of a quoted run that starts at `start` (doubled quotes escape the quote). */
function endOfQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

function skipComment(sql: string, i: number): number {
  if (sql.startsWith('--', i)) {
    const end = sql.indexOf('\n', i);
    return end < 0 ? sql.length : end + 1;
  }
  if (sql.startsWith('/*', i)) {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  return i;
}

/** Splits `sql` into tokens. Never throws: an unexpected character becomes an `op` token of its own. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, value: string, at: number) => tokens.push({ kind, value, at });
  while (i < sql.length) {
    const c = sql[i] as string;
    const afterComment = skipComment(sql, i);
    if (afterComment !== i) {
      i = afterComment;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === HOLE_OPEN) {
      const end = sql.indexOf(HOLE_CLOSE, i);
      const stop = end < 0 ? sql.length : end;
      push('hole', sql.slice(i + 1, stop), i);
      i = stop + 1;
    } else if (c === "'") {
      const end = endOfQuoted(sql, i, "'");
      push('string', sql.slice(i + 1, end - 1).replaceAll("''", "'"), i);
      i = end;
    } else if (c === '"') {
      const end = endOfQuoted(sql, i, '"');
      push('word', sql.slice(i + 1, end - 1).replaceAll('""', '"'), i);
      i = end;
    } else if (isWordStart(c)) {
      let j = i + 1;
      while (j < sql.length && isWordChar(sql[j] as string)) j++;
      push('word', sql.slice(i, j).toLowerCase(), i);
      i = j;
    } else if (c === '?' || (c === '$' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < sql.length && /[0-9]/.test(sql[j] as string)) j++;
      push('param', sql.slice(i, j), i);
      i = j;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|^[0-9]+\.?/.exec(sql.slice(i));
      const text = m?.[0] ?? c;
      push('number', text, i);
      i += text.length;
    } else if (c === '(' || c === ')' || c === ',' || c === '.') {
      push(c === '(' ? 'open' : c === ')' ? 'close' : c === ',' ? 'comma' : 'dot', c, i);
      i++;
    } else if (TWO_CHAR_OPS.has(sql.slice(i, i + 2))) {
      push('op', sql.slice(i, i + 2), i);
      i += 2;
    } else {
      push('op', c, i);
      i++;
    }
  }
  return tokens;
}

/** Splits a text holding several statements at its top-level semicolons (quotes and comments respected). */
export function splitStatements(sql: string): string[] {
  const cuts = tokenize(sql)
    .filter((t) => t.kind === 'op' && t.value === ';')
    .map((t) => t.at);
  const out: string[] = [];
  let from = 0;
  for (const at of [...cuts, sql.length]) {
    const part = sql.slice(from, at).trim();
    if (part !== '') out.push(part);
    from = at + 1;
  }
  return out;
}
