import {
  bounded,
  CLAUSE_WORDS,
  type Clause,
  isName,
  isWord,
  type Operand,
  operandAt,
  type ParsedStatement,
  type TableRef,
} from './t5-sql-shape';
import { type Token, tokenize } from './t5-sql-tokens';

/**
 * Reads the shape of one SQL statement that the tenant rule needs from its tokens, without a full parser:
 * the tables it references (with alias, SELECT scope, role and join kind), every `a = b` comparison (with
 * whether it filters rows: in a WHERE, ON or HAVING and not under an OR, NOT or CASE of its scope), the
 * INSERT column list and the ON CONFLICT clause.
 */

const MAIN_VERBS = new Set(['select', 'insert', 'update', 'delete']);

const FILTER_CLAUSES = new Set<Clause>(['where', 'on', 'having', 'upsert-where']);

interface Segment {
  broken: boolean;
}

interface Frame {
  readonly scope: number;
  readonly scopeRoot: boolean;
  readonly kind: 'paren' | 'case';
  clause: Clause;
  segment: Segment;
  readonly negated: boolean;
  onRef: number | null;
}

interface PendingEquality {
  readonly left: Operand;
  readonly right: Operand;
  readonly scope: number;
  readonly clause: Clause;
  readonly path: readonly Segment[];
  readonly negated: boolean;
  readonly onRef: number | null;
}

/** Parses `sql` (a statement with `?` or `$n` parameters). */
export function parseStatement(sql: string): ParsedStatement {
  return new StatementReader(tokenize(sql)).read();
}

class StatementReader {
  private readonly refs: TableRef[] = [];
  private readonly pending: PendingEquality[] = [];
  private readonly scopeParents: (number | null)[] = [null];
  private readonly unsupported: string[] = [];
  private readonly ctes = new Set<string>();
  private readonly frames: Frame[] = [];
  private verb = '';
  private conflict: ParsedStatement['conflict'] = null;
  private inUpsert = false;
  private inWith = false;
  private holes = 0;

  constructor(private readonly tokens: readonly Token[]) {
    this.frames.push(this.frame(0, true, 'paren', 'start', false));
  }

  private frame(
    scope: number,
    scopeRoot: boolean,
    kind: Frame['kind'],
    clause: Clause,
    negated: boolean,
  ): Frame {
    return { scope, scopeRoot, kind, clause, segment: { broken: false }, negated, onRef: null };
  }

  private get top(): Frame {
    return this.frames[this.frames.length - 1] as Frame;
  }

  private setClause(clause: Clause): void {
    this.top.clause = clause;
    this.top.segment = { broken: false };
    if (clause !== 'on') this.top.onRef = null;
  }

  read(): ParsedStatement {
    const tokens = this.tokens;
    for (let i = 0; i < tokens.length; i++) i = this.step(i, tokens[i] as Token);
    const equalities = this.pending.map((p) => ({
      left: p.left,
      right: p.right,
      scope: p.scope,
      clause: p.clause,
      onRef: p.onRef,
      filter: FILTER_CLAUSES.has(p.clause) && !p.negated && p.path.every((s) => !s.broken),
    }));
    const refs = this.refs.filter((r) => !this.ctes.has(r.table));
    return {
      verb: this.verb,
      scopeParents: this.scopeParents,
      refs,
      equalities: equalities.map((e) => ({
        ...e,
        onRef: e.onRef === null ? null : this.remap(e.onRef, refs),
      })),
      conflict: this.conflict,
      unsupported: this.unsupported,
      holes: this.holes,
    };
  }

  private remap(index: number, kept: readonly TableRef[]): number {
    const ref = this.refs[index];
    return ref === undefined ? -1 : kept.indexOf(ref);
  }

  /** Handles token `i`; returns the index of the last token consumed. */
  private step(i: number, t: Token): number {
    if (t.kind === 'hole') this.holes++;
    if (t.kind === 'open') return this.open(i);
    if (t.kind === 'close') {
      if (this.frames.length > 1) this.frames.pop();
      return i;
    }
    if (t.kind === 'op' && t.value === '=') this.equality(i);
    if (t.kind === 'comma' && this.top.scopeRoot && this.top.clause === 'from')
      return this.tableRef(i + 1, 'read', false);
    if (t.kind !== 'word') return i;
    return this.word(i, t.value);
  }

  private open(i: number): number {
    const next = this.tokens[i + 1];
    const prev = this.tokens[i - 1];
    const top = this.top;
    if (isWord(next, 'select') || isWord(next, 'with')) {
      this.scopeParents.push(top.scope);
      this.frames.push(this.frame(this.scopeParents.length - 1, true, 'paren', 'start', false));
    } else {
      const child = this.frame(top.scope, false, 'paren', top.clause, top.negated || isWord(prev, 'not'));
      child.onRef = top.onRef;
      this.frames.push(child);
    }
    return i;
  }

  private equality(i: number): void {
    const left = operandAt(this.tokens, i - 1, -1);
    const right = operandAt(this.tokens, i + 1, 1);
    const path: Segment[] = [];
    let negated = false;
    for (let k = this.frames.length - 1; k >= 0; k--) {
      const f = this.frames[k] as Frame;
      path.push(f.segment);
      negated ||= f.negated || f.kind === 'case';
      if (f.scopeRoot) break;
    }
    this.pending.push({
      left: bounded(this.tokens, i - 1, -1, left) ? left : { kind: 'other' },
      right: bounded(this.tokens, i + 1, 1, right) ? right : { kind: 'other' },
      scope: this.top.scope,
      clause: this.top.clause,
      path,
      negated,
      onRef: this.top.clause === 'on' ? this.top.onRef : null,
    });
  }

  private word(i: number, w: string): number {
    const prev = this.tokens[i - 1];
    const top = this.top;
    if (w === 'with' && this.verb === '' && top.scope === 0) {
      this.inWith = true;
      this.collectCtes(i);
      return i;
    }
    if (this.verb === '' && top.scope === 0 && (!this.inWith || MAIN_VERBS.has(w))) this.verb = w;
    if (w === 'case') {
      this.frames.push({ ...this.frame(top.scope, false, 'case', top.clause, true), onRef: top.onRef });
      return i;
    }
    if (w === 'end' && top.kind === 'case') {
      this.frames.pop();
      return i;
    }
    if (w === 'or') top.segment.broken = true;
    const clause = CLAUSE_WORDS[w];
    if (w === 'where' && top.clause === 'conflict') return i; // the conflict target's index predicate
    if (clause !== undefined) {
      this.setClause(w === 'where' && this.inUpsert ? 'upsert-where' : clause);
      return i;
    }
    return this.structureWord(i, w, prev);
  }

  private structureWord(i: number, w: string, prev: Token | undefined): number {
    if (w === 'from' && isWord(prev, 'distinct')) return i;
    if (w === 'from') {
      this.setClause('from');
      return this.tableRef(i + 1, this.verb === 'delete' && this.top.scope === 0 ? 'write' : 'read', false);
    }
    if (w === 'join') return this.join(i);
    if (w === 'on' && isWord(this.tokens[i + 1], 'conflict')) return this.onConflict(i + 2);
    if (w === 'on') {
      const onRef = this.top.onRef;
      this.setClause('on');
      this.top.onRef = onRef;
      return i;
    }
    if (w === 'update' && isWord(prev, 'for')) return i;
    if (w === 'update' && isWord(prev, 'do')) {
      this.inUpsert = true;
      if (this.conflict !== null) this.conflict = { ...this.conflict, action: 'update' };
      return i;
    }
    if (w === 'update') return this.tableRef(i + 1, 'write', false);
    if (w === 'into') return this.tableRef(i + 1, 'insert', false);
    if (w === 'set') this.setClause('set');
    if (w === 'for') this.setClause('other');
    return i;
  }

  private join(i: number): number {
    const before = [this.tokens[i - 1], this.tokens[i - 2]].filter((t) => isWord(t)).map((t) => t.value);
    if (before.includes('right') || before.includes('full')) this.unsupported.push(`${before[0]} join`);
    const outer = before.includes('left');
    this.setClause('join');
    const end = this.tableRef(i + 1, 'read', outer);
    this.top.onRef = end === i ? -1 : this.refs.length - 1;
    return end;
  }

  /** Reads `[ONLY|LATERAL] name [AS] [alias]` at `j`; a subquery or function is left to the main loop. */
  private tableRef(j: number, role: TableRef['role'], outer: boolean): number {
    let k = j;
    while (isWord(this.tokens[k], 'only') || isWord(this.tokens[k], 'lateral')) k++;
    const name = this.tokens[k];
    if (!isName(name) || (this.tokens[k + 1]?.kind === 'open' && role !== 'insert')) return j - 1;
    let table = name.value;
    if (this.tokens[k + 1]?.kind === 'dot' && isWord(this.tokens[k + 2])) {
      k += 2;
      table = (this.tokens[k] as Token).value;
    }
    let alias = table;
    let end = k;
    const after = this.tokens[k + 1];
    if (isWord(after, 'as') && isName(this.tokens[k + 2])) {
      alias = (this.tokens[k + 2] as Token).value;
      end = k + 2;
    } else if (isName(after)) {
      alias = after.value;
      end = k + 1;
    }
    let columns: string[] | null = null;
    if (role === 'insert' && this.tokens[end + 1]?.kind === 'open') {
      columns = [];
      end += 2;
      for (; end < this.tokens.length && this.tokens[end]?.kind !== 'close'; end++) {
        const c = this.tokens[end] as Token;
        if (c.kind === 'word') columns.push(c.value);
      }
    }
    this.refs.push({ table, alias, scope: this.top.scope, role, outer, columns });
    return end;
  }

  private onConflict(j: number): number {
    let k = j;
    let target: string[] | null = null;
    if (this.tokens[k]?.kind === 'open') {
      target = [];
      for (k++; k < this.tokens.length && this.tokens[k]?.kind !== 'close'; k++) {
        const c = this.tokens[k] as Token;
        if (c.kind === 'word') target.push(c.value);
      }
    }
    this.conflict = { target, action: 'nothing' };
    this.setClause('conflict');
    return k;
  }

  /** WITH name AS (…), …: the names are not tables (the bodies are scopes of their own). */
  private collectCtes(i: number): void {
    for (let k = i + 1; k < this.tokens.length; k++) {
      const t = this.tokens[k] as Token;
      if (t.kind === 'word' && MAIN_VERBS.has(t.value) && this.depthAt(i, k) === 0) return;
      const name = this.tokens[k - 1];
      if (isWord(t, 'as') && this.tokens[k + 1]?.kind === 'open' && isName(name)) this.ctes.add(name.value);
    }
  }

  private depthAt(from: number, to: number): number {
    let depth = 0;
    for (let k = from; k < to; k++) {
      const t = this.tokens[k] as Token;
      if (t.kind === 'open') depth++;
      if (t.kind === 'close') depth--;
    }
    return depth;
  }
}
