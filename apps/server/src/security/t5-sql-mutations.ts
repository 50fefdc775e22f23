import ts from 'typescript';

/**
 * How a variable that holds SQL (a string, or an array of SQL pieces) changes after its declaration:
 * `x += …` appends and `xs.push(…)` calls. One counts as optional when it is not a statement of the block
 * that declares the variable (it sits under an `if` or a loop, or in a nested function), so the resolver
 * tries the text with and without it. Any other write (`x = …`, `xs.splice`, `xs.length = 0`, …) makes the
 * variable unresolvable.
 */

/** `key` names the mutation's place in the source (a choice point when it is optional). */
export type Mutation =
  | {
      readonly kind: 'append';
      readonly value: ts.Expression;
      readonly optional: boolean;
      readonly key: string;
    }
  | {
      readonly kind: 'push';
      readonly values: readonly ts.Expression[];
      readonly optional: boolean;
      readonly key: string;
    };

interface Found {
  readonly pos: number;
  /** null: a write the resolver cannot follow. */
  readonly mutation: Mutation | null;
}

const MUTATING_METHODS = new Set([
  'splice',
  'unshift',
  'pop',
  'shift',
  'reverse',
  'sort',
  'fill',
  'copyWithin',
]);
const isAssignment = (op: ts.SyntaxKind) =>
  op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;

type Declaration = ts.VariableDeclaration | ts.BindingElement;
const cache = new WeakMap<Declaration, readonly Found[]>();

function statementOf(node: ts.Node): ts.Node | undefined {
  let n: ts.Node | undefined = node;
  while (n !== undefined && !ts.isExpressionStatement(n)) {
    if (ts.isFunctionLike(n)) return undefined;
    n = n.parent;
  }
  return n;
}

type Found1 =
  | { readonly kind: 'append'; readonly value: ts.Expression }
  | { readonly kind: 'push'; readonly values: readonly ts.Expression[] };

function isWrite(id: ts.Identifier, isArray: boolean): 'write' | 'read' | Found1 {
  const parent = id.parent;
  // An array handed to a function may be changed there.
  if (isArray && ts.isCallExpression(parent) && parent.arguments.some((a) => a === id)) return 'write';
  if (ts.isBinaryExpression(parent) && parent.left === id) {
    const op = parent.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusEqualsToken) return { kind: 'append', value: parent.right };
    if (isAssignment(op)) return 'write';
  }
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) return 'write';
  if (ts.isPropertyAccessExpression(parent) && parent.expression === id) {
    const call = parent.parent;
    if (parent.name.text === 'push' && ts.isCallExpression(call) && call.expression === parent) {
      return { kind: 'push', values: [...call.arguments] };
    }
    if (MUTATING_METHODS.has(parent.name.text)) return 'write';
    const outer = parent.parent;
    if (ts.isBinaryExpression(outer) && outer.left === parent && isAssignment(outer.operatorToken.kind))
      return 'write';
  }
  return 'read';
}

function scan(decl: Declaration, sym: ts.Symbol, checker: ts.TypeChecker): readonly Found[] {
  let declStatement: ts.Node = decl;
  while (!ts.isVariableStatement(declStatement) && !ts.isSourceFile(declStatement))
    declStatement = declStatement.parent;
  if (!ts.isIdentifier(decl.name) || ts.isSourceFile(declStatement)) return [{ pos: -1, mutation: null }];
  // A destructured value may be an array: handing it to a function counts as a write too.
  const isArray =
    decl.initializer === undefined ||
    ts.isArrayLiteralExpression(decl.initializer) ||
    ts.isBindingElement(decl);
  const name = decl.name.text;
  const home = declStatement.parent;
  let container: ts.Node = home;
  while (!ts.isSourceFile(container) && !ts.isFunctionLike(container)) container = container.parent;
  const found: Found[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name && n !== decl.name && checker.getSymbolAtLocation(n) === sym) {
      const w = isWrite(n, isArray);
      if (w === 'write') found.push({ pos: n.getStart(), mutation: null });
      else if (w !== 'read') {
        const optional = statementOf(n)?.parent !== home;
        const key = `${n.getSourceFile().fileName}:${n.getStart()}`;
        found.push({ pos: n.getStart(), mutation: { ...w, optional, key } });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(container);
  return found;
}

/** The appends and pushes to `decl`'s variable that come before `use`, in order; null if it is rewritten. */
export function findMutations(
  decl: Declaration,
  sym: ts.Symbol,
  use: ts.Node,
  checker: ts.TypeChecker,
): readonly Mutation[] | null {
  let all = cache.get(decl);
  if (all === undefined) {
    all = scan(decl, sym, checker);
    cache.set(decl, all);
  }
  const before = use.getStart();
  const out: Mutation[] = [];
  for (const f of all) {
    if (f.pos >= before) continue;
    if (f.mutation === null) return null;
    out.push(f.mutation);
  }
  return out;
}

/**
 * The arguments passed for `param` at every call of its function, when that function is held by a const in
 * one file and only ever called directly there (`const add = (clause) => where.push(clause)`); else null.
 */
export function localCallArguments(
  param: ts.ParameterDeclaration,
  checker: ts.TypeChecker,
): ts.Expression[] | null {
  const fn = param.parent;
  const holder = fn.parent;
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !ts.isVariableDeclaration(holder))
    return null;
  if (!ts.isIdentifier(holder.name) || param.dotDotDotToken !== undefined) return null;
  const index = fn.parameters.indexOf(param);
  const sym = checker.getSymbolAtLocation(holder.name);
  const name = holder.name.text;
  const args: ts.Expression[] = [];
  let escapes = false;
  const visit = (n: ts.Node): void => {
    if (
      ts.isIdentifier(n) &&
      n.text === name &&
      n !== holder.name &&
      checker.getSymbolAtLocation(n) === sym
    ) {
      const call = n.parent;
      if (!ts.isCallExpression(call) || call.expression !== n) escapes = true;
      else {
        const arg = call.arguments[index];
        if (arg === undefined || call.arguments.slice(0, index + 1).some(ts.isSpreadElement)) escapes = true;
        else args.push(arg);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(holder.getSourceFile());
  return escapes ? null : args;
}
