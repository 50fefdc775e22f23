import ts from 'typescript';
import { ArrayResolver, type Arrays } from './t5-sql-arrays';
import { findMutations, type Mutation } from './t5-sql-mutations';
import {
  type Binding,
  choose,
  concat,
  type Env,
  functionOf,
  type Hole,
  holeOf,
  joinArrays,
  MAX_DEPTH,
  MAX_VARIANTS,
  returnsOf,
  skipOuter,
  text,
  type Variant,
} from './t5-sql-variants';

/**
 * Resolves the TypeScript expression that is a statement's SQL into the texts it can take: string and
 * template literals, constants (also imported ones), `+`, `?:` (both branches), `.join` of arrays built from
 * literals (with their `push`es, each optional when conditional), `.map` and `Array.from` over them,
 * properties of constant objects, `x += …` appends, and calls of project functions whose returns resolve
 * (inlined with their arguments). Numbers become `0`. Anything else is a hole: it stays in the text as a
 * marker so the check sees where it is and lists it, never passes it silently.
 */

export class SqlResolver extends ArrayResolver {
  private readonly root: Env = { id: 0, bindings: new Map() };

  /** The texts `expr` can take; holes where it cannot tell. */
  resolve(expr: ts.Expression): readonly Variant[] {
    return this.str(expr, this.root, 0);
  }

  /** The element lists `expr` can hold, or null when it is not an array the resolver can follow. */
  resolveArray(expr: ts.Expression): Arrays {
    return this.array(expr, this.root, 0);
  }

  protected symbol(node: ts.Node): ts.Symbol | undefined {
    const shorthand = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node;
    const s = shorthand
      ? this.checker.getShorthandAssignmentValueSymbol(node.parent)
      : this.checker.getSymbolAtLocation(node);
    return s !== undefined && s.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(s) : s;
  }

  protected hole(e: ts.Expression): Variant[] {
    const decl = ts.isIdentifier(e) ? this.symbol(e)?.valueDeclaration : undefined;
    const param = decl !== undefined && ts.isParameter(decl) ? decl : null;
    const raw = e.getText().replace(/\s+/g, ' ');
    return holeOf({ text: raw.length > 80 ? `${raw.slice(0, 77)}...` : raw, param });
  }

  protected key(node: ts.Node | string, env: Env): string {
    const at = typeof node === 'string' ? node : `${node.getSourceFile().fileName}:${node.getStart()}`;
    return `${at}@${env.id}`;
  }

  protected binding(sym: ts.Symbol | undefined, env: Env): Binding | undefined {
    return sym === undefined ? undefined : env.bindings.get(sym);
  }

  protected str(raw: ts.Expression, env: Env, depth: number): readonly Variant[] {
    const e = skipOuter(raw);
    if (depth > MAX_DEPTH) return this.hole(e);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isNumericLiteral(e))
      return text(e.text);
    if (ts.isTemplateExpression(e)) {
      let out: readonly Variant[] | null = text(e.head.text);
      for (const span of e.templateSpans) {
        out = out && concat(out, this.str(span.expression, env, depth + 1));
        out = out && concat(out, text(span.literal.text));
      }
      return out ?? this.hole(e);
    }
    if (ts.isConditionalExpression(e)) {
      const k = this.key(e, env);
      const both = [
        ...choose(k, 0, this.str(e.whenTrue, env, depth + 1)),
        ...choose(k, 1, this.str(e.whenFalse, env, depth + 1)),
      ];
      return both.length > MAX_VARIANTS ? this.hole(e) : both;
    }
    const flags = this.checker.getTypeAtLocation(e).flags;
    if (flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike)) return text('0');
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      return concat(this.str(e.left, env, depth + 1), this.str(e.right, env, depth + 1)) ?? this.hole(e);
    }
    if (ts.isIdentifier(e)) return this.identifier(e, env, depth) ?? this.hole(e);
    if (ts.isCallExpression(e)) return this.call(e, env, depth) ?? this.hole(e);
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const key = ts.isPropertyAccessExpression(e)
        ? e.name.text
        : ts.isStringLiteralLike(e.argumentExpression)
          ? e.argumentExpression.text
          : null;
      return this.property(e.expression, key, env, depth) ?? this.hole(e);
    }
    return this.hole(e);
  }

  private identifier(e: ts.Identifier, env: Env, depth: number): readonly Variant[] | null {
    const sym = this.symbol(e);
    const b = this.binding(sym, env);
    if (b !== undefined) {
      if ('values' in b) return b.values;
      if ('hole' in b) return holeOf(b.hole);
      return this.str(b.expr, b.env, depth + 1);
    }
    const decl = sym?.valueDeclaration;
    if (sym === undefined || decl === undefined || !this.inProject(decl.getSourceFile())) return null;
    const loop = this.loopValue(decl, env, depth);
    if (loop !== undefined) return loop;
    if (ts.isVariableDeclaration(decl) && decl.initializer) {
      const mutations = findMutations(decl, sym, e, this.checker);
      if (mutations === null) return null;
      return this.appends(this.str(decl.initializer, env, depth + 1), mutations, env, depth);
    }
    if (!ts.isBindingElement(decl)) return null;
    const holder = decl.parent.parent;
    if (!ts.isVariableDeclaration(holder) || holder.initializer === undefined) return null;
    if (ts.isArrayBindingPattern(decl.parent)) {
      const index = decl.parent.elements.indexOf(decl);
      const picked: Variant[] = [];
      for (const a of this.array(holder.initializer, env, depth + 1) ?? []) {
        const element = a.elements[index];
        if (element === undefined) return null;
        picked.push({ parts: element, choices: a.choices });
      }
      return picked.length > 0 ? picked : null;
    }
    const name = decl.propertyName ?? decl.name;
    return ts.isIdentifier(name) ? this.property(holder.initializer, name.text, env, depth) : null;
  }

  /**
   * A `for (const x of LIST)` or `for (const [a, b] of LIST)` variable, LIST an array literal (or a const
   * holding one): each value it takes (undefined when `decl` is not such a variable).
   */
  private loopValue(decl: ts.Declaration, env: Env, depth: number): readonly Variant[] | null | undefined {
    const pattern = ts.isBindingElement(decl) && ts.isArrayBindingPattern(decl.parent) ? decl.parent : null;
    const holder = pattern === null ? decl : pattern.parent;
    const list = holder.parent?.parent;
    if (!ts.isVariableDeclaration(holder) || list === undefined || !ts.isForOfStatement(list))
      return undefined;
    let source = skipOuter(list.expression);
    if (ts.isIdentifier(source)) {
      const d = this.symbol(source)?.valueDeclaration;
      source =
        d !== undefined && ts.isVariableDeclaration(d) && d.initializer ? skipOuter(d.initializer) : source;
    }
    if (!ts.isArrayLiteralExpression(source)) return null;
    const k = this.key(list, env);
    const out: Variant[] = [];
    source.elements.forEach((el, i) => {
      const item = pattern === null ? el : skipOuter(el);
      const value =
        pattern === null
          ? item
          : ts.isArrayLiteralExpression(item)
            ? item.elements[pattern.elements.indexOf(decl as ts.BindingElement)]
            : undefined;
      out.push(...choose(k, i, value === undefined ? this.hole(el) : this.str(value, env, depth + 1)));
    });
    return out.length === 0 || out.length > MAX_VARIANTS ? null : out;
  }

  private appends(
    base: readonly Variant[],
    mutations: readonly Mutation[],
    env: Env,
    depth: number,
  ): readonly Variant[] | null {
    let out: readonly Variant[] | null = base;
    for (const m of mutations) {
      if (out === null || m.kind !== 'append') return null;
      const added = concat(out, this.str(m.value, env, depth + 1));
      if (added === null) return null;
      const k = this.key(m.key, env);
      out = m.optional ? [...choose(k, 0, out), ...choose(k, 1, added)] : added;
      if (out.length > MAX_VARIANTS) return null;
    }
    return out;
  }

  private call(e: ts.CallExpression, env: Env, depth: number): readonly Variant[] | null {
    const callee = e.expression;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'join') {
      const arrays = this.array(callee.expression, env, depth + 1);
      const seps = e.arguments[0] ? this.str(e.arguments[0], env, depth + 1) : text(',');
      return arrays === null ? null : joinArrays(arrays, seps);
    }
    return this.inline(e, env, depth, (r, inner) => this.str(r, inner, depth + 1));
  }

  /** Calls a project function with its arguments bound and resolves each of its returns with `each`. */
  private inline<T>(
    e: ts.CallExpression,
    env: Env,
    depth: number,
    each: (r: ts.Expression, env: Env) => readonly T[] | null,
  ): readonly T[] | null {
    const fn = functionOf(this.symbol(e.expression)?.valueDeclaration);
    if (fn === null || !this.inProject(fn.getSourceFile()) || depth > MAX_DEPTH) return null;
    const returns = returnsOf(fn);
    if (returns === null) return null;
    const bindings = new Map(env.bindings);
    fn.parameters.forEach((p, i) => {
      const sym = ts.isIdentifier(p.name) ? this.symbol(p.name) : undefined;
      const arg = e.arguments[i] ?? p.initializer;
      if (sym !== undefined && arg !== undefined) bindings.set(sym, { expr: arg, env });
    });
    const inner: Env = this.newEnv(bindings);
    const out: T[] = [];
    for (const r of returns) {
      const got = each(r, inner);
      if (got === null) return null;
      out.push(...got);
    }
    return out.length > MAX_VARIANTS ? null : out;
  }

  /** Property `key` (every property when null) of the constant object literal(s) `obj` evaluates to. */
  private property(
    obj: ts.Expression,
    key: string | null,
    env: Env,
    depth: number,
  ): readonly Variant[] | null {
    const objects = this.objects(obj, env, depth + 1);
    if (objects === null) return null;
    const out: Variant[] = [];
    for (const { node, env: objEnv } of objects) {
      for (const p of node.properties) {
        const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
        if (key !== null && name !== key) continue;
        if (ts.isPropertyAssignment(p)) out.push(...this.str(p.initializer, objEnv, depth + 1));
        else if (ts.isShorthandPropertyAssignment(p)) out.push(...this.str(p.name, objEnv, depth + 1));
        else return null;
      }
    }
    return out.length === 0 || out.length > MAX_VARIANTS ? null : out;
  }

  protected objects(
    raw: ts.Expression,
    env: Env,
    depth: number,
  ): { node: ts.ObjectLiteralExpression; env: Env }[] | null {
    const e = skipOuter(raw);
    if (depth > MAX_DEPTH) return null;
    if (ts.isObjectLiteralExpression(e)) return [{ node: e, env }];
    if (ts.isCallExpression(e)) {
      const found = this.inline(e, env, depth, (r, inner) => this.objects(r, inner, depth + 1));
      return found === null ? null : [...found];
    }
    if (!ts.isIdentifier(e)) return null;
    const sym = this.symbol(e);
    const b = this.binding(sym, env);
    if (b !== undefined) return 'expr' in b ? this.objects(b.expr, b.env, depth + 1) : null;
    const decl = sym?.valueDeclaration;
    if (decl === undefined || !ts.isVariableDeclaration(decl) || decl.initializer === undefined) return null;
    const constant = (ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) !== 0;
    return constant && this.inProject(decl.getSourceFile())
      ? this.objects(decl.initializer, env, depth + 1)
      : null;
  }
}

export type { Hole, Variant };
