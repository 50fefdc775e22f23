import ts from 'typescript';
import { findMutations, localCallArguments } from './t5-sql-mutations';
import {
  type ArrayVariant,
  appendArrays,
  appendElement,
  type Binding,
  choose,
  type Env,
  MAX_DEPTH,
  MAX_VARIANTS,
  returnsOf,
  skipOuter,
  type Variant,
} from './t5-sql-variants';

export type Arrays = readonly ArrayVariant[] | null;

/**
 * The array half of the SQL resolver: the element lists an expression can hold. Array literals (with
 * spreads), `?:`, constants with their `push`es (each optional when conditional; a value pushed through a
 * local helper like `add(clause)` is each argument its calls pass), `const { where } = f(…)`, and `.map` /
 * `Array.from` over them. The string half (SqlResolver) supplies the element texts.
 */
export abstract class ArrayResolver {
  private envs = 0;

  constructor(
    protected readonly checker: ts.TypeChecker,
    protected readonly inProject: (file: ts.SourceFile) => boolean,
  ) {}

  protected abstract str(raw: ts.Expression, env: Env, depth: number): readonly Variant[];
  protected abstract symbol(node: ts.Node): ts.Symbol | undefined;
  protected abstract key(node: ts.Node | string, env: Env): string;
  protected abstract binding(sym: ts.Symbol | undefined, env: Env): Binding | undefined;
  protected abstract objects(
    raw: ts.Expression,
    env: Env,
    depth: number,
  ): { node: ts.ObjectLiteralExpression; env: Env }[] | null;

  protected newEnv(bindings: ReadonlyMap<ts.Symbol, Binding>): Env {
    return { id: ++this.envs, bindings };
  }

  protected array(raw: ts.Expression, env: Env, depth: number): Arrays {
    const e = skipOuter(raw);
    if (depth > MAX_DEPTH) return null;
    if (ts.isArrayLiteralExpression(e)) {
      let out: Arrays = [{ elements: [], choices: new Map() }];
      for (const el of e.elements) {
        if (out === null) return null;
        if (ts.isSpreadElement(el)) {
          const more = this.array(el.expression, env, depth + 1);
          out = more && appendArrays(out, more);
        } else out = appendElement(out, this.str(el, env, depth + 1));
      }
      return out;
    }
    if (ts.isConditionalExpression(e)) {
      const a = this.array(e.whenTrue, env, depth + 1);
      const b = this.array(e.whenFalse, env, depth + 1);
      const k = this.key(e, env);
      return a && b ? [...choose(k, 0, a), ...choose(k, 1, b)] : null;
    }
    if (ts.isIdentifier(e)) return this.arrayIdentifier(e, env, depth);
    if (ts.isCallExpression(e)) return this.mapped(e, env, depth);
    return null;
  }

  private arrayIdentifier(e: ts.Identifier, env: Env, depth: number): Arrays {
    const sym = this.symbol(e);
    const b = this.binding(sym, env);
    if (b !== undefined) return 'expr' in b ? this.array(b.expr, b.env, depth + 1) : null;
    const decl = sym?.valueDeclaration;
    if (sym === undefined || decl === undefined || !this.inProject(decl.getSourceFile())) return null;
    let out: Arrays = null;
    if (ts.isVariableDeclaration(decl) && decl.initializer !== undefined) {
      out = this.array(decl.initializer, env, depth + 1);
    } else if (ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent)) {
      out = this.destructuredArray(decl, env, depth);
    }
    if (out === null || !(ts.isVariableDeclaration(decl) || ts.isBindingElement(decl))) return null;
    const mutations = findMutations(decl, sym, e, this.checker);
    if (mutations === null) return null;
    for (const m of mutations ?? []) {
      if (out === null || m.kind !== 'push') return null;
      let added: Arrays = out;
      for (const v of m.values) added = added && appendElement(added, this.pushed(v, env, depth));
      if (added === null) return null;
      const k = this.key(m.key, env);
      out = m.optional ? [...choose(k, 0, out), ...choose(k, 1, added)] : added;
      if (out.length > MAX_VARIANTS) return null;
    }
    return out;
  }

  /** A pushed value; a parameter of a local helper (`add(clause)`) is each argument its calls pass. */
  private pushed(v: ts.Expression, env: Env, depth: number): readonly Variant[] {
    const direct = this.str(v, env, depth + 1);
    const only = direct.length === 1 && direct[0]?.parts.length === 1 ? direct[0].parts[0] : undefined;
    if (only === undefined || typeof only === 'string' || only.param === null) return direct;
    const args = localCallArguments(only.param, this.checker);
    if (args === null || args.length === 0) return direct;
    const out = args.flatMap((a) => this.str(a, env, depth + 1));
    return out.length > MAX_VARIANTS ? direct : out;
  }

  /** `const { where } = f(…)`: the array property `where` of the object(s) f returns. */
  private destructuredArray(decl: ts.BindingElement, env: Env, depth: number): Arrays {
    const holder = decl.parent.parent;
    const name = decl.propertyName ?? decl.name;
    if (!ts.isVariableDeclaration(holder) || holder.initializer === undefined || !ts.isIdentifier(name))
      return null;
    const out: ArrayVariant[] = [];
    for (const { node, env: objEnv } of this.objects(holder.initializer, env, depth + 1) ?? []) {
      const p = node.properties.find(
        (x) => x.name !== undefined && ts.isIdentifier(x.name) && x.name.text === name.text,
      );
      const value =
        p === undefined
          ? undefined
          : ts.isPropertyAssignment(p)
            ? p.initializer
            : ts.isShorthandPropertyAssignment(p)
              ? p.name
              : undefined;
      const arrays = value === undefined ? null : this.array(value, objEnv, depth + 1);
      if (arrays === null) return null;
      out.push(...arrays);
    }
    return out.length === 0 || out.length > MAX_VARIANTS ? null : out;
  }

  /** `xs.map(fn)` (each element through fn; one representative element when xs is unknown), `Array.from(n, fn)`. */
  private mapped(e: ts.CallExpression, env: Env, depth: number): Arrays {
    const callee = e.expression;
    if (!ts.isPropertyAccessExpression(callee)) return null;
    const from =
      ts.isIdentifier(callee.expression) && callee.expression.text === 'Array' && callee.name.text === 'from';
    const fn = from ? e.arguments[1] : callee.name.text === 'map' ? e.arguments[0] : undefined;
    if (fn === undefined || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return null;
    const returns = returnsOf(fn);
    if (returns?.length !== 1) return null;
    const param = fn.parameters[0];
    const sym = param && ts.isIdentifier(param.name) ? this.symbol(param.name) : undefined;
    const apply = (b: Binding | null): readonly Variant[] => {
      const bindings = new Map(env.bindings);
      if (sym !== undefined && b !== null) bindings.set(sym, b);
      return this.str(returns[0] as ts.Expression, this.newEnv(bindings), depth + 1);
    };
    const source = from ? null : this.array(callee.expression, env, depth + 1);
    if (source === null) {
      const unknown = param === undefined ? null : { hole: { text: param.name.getText(), param: null } };
      return apply(unknown).map((v) => ({ elements: [v.parts], choices: v.choices }));
    }
    const out: ArrayVariant[] = [];
    for (const a of source) {
      let mapped: Arrays = [{ elements: [], choices: a.choices }];
      for (const el of a.elements)
        mapped = mapped && appendElement(mapped, apply({ values: [{ parts: el, choices: new Map() }] }));
      if (mapped === null) return null;
      out.push(...mapped);
    }
    return out.length > MAX_VARIANTS ? null : out;
  }
}
