import ts from 'typescript';

/**
 * The values the SQL resolver works with: the texts an expression can take (and the element lists an array
 * can hold), each remembering the branch it took at every `?:` or optional append on its way. Combining two
 * variants keeps only pairs that agree on every shared branch, so a constant used twice (`${max}` … `${max}`)
 * takes the same branch both times and the number of variants stays the number of real combinations.
 */

export interface Hole {
  readonly text: string;
  /** The hole is exactly a parameter of a function (a forwarder's SQL, when alone). */
  readonly param: ts.ParameterDeclaration | null;
}

export type Part = string | Hole;
/** Which branch was taken at each choice point (a `?:` or an optional append, in one evaluation context). */
export type Choices = ReadonlyMap<string, number>;

export interface Variant {
  readonly parts: readonly Part[];
  readonly choices: Choices;
}

export interface ArrayVariant {
  readonly elements: readonly (readonly Part[])[];
  readonly choices: Choices;
}

export const MAX_VARIANTS = 64;
/** How deep the resolver follows constants, calls and bindings before it gives up (a hole). */
export const MAX_DEPTH = 10;

/** What a name stands for while a function is inlined: an argument, known texts, or a hole. */
export type Binding =
  | { readonly expr: ts.Expression; readonly env: Env }
  | { readonly values: readonly Variant[] }
  | { readonly hole: Hole };

/** One evaluation context: the bindings of the inlined calls around it (its id keys its choice points). */
export interface Env {
  readonly id: number;
  readonly bindings: ReadonlyMap<ts.Symbol, Binding>;
}
const NONE: Choices = new Map();

export const text = (value: string): Variant[] => [{ parts: [value], choices: NONE }];
export const holeOf = (hole: Hole): Variant[] => [{ parts: [hole], choices: NONE }];

/** The union of two choice sets, or null when they disagree on a branch. */
export function merge(a: Choices, b: Choices): Choices | null {
  if (a.size === 0) return b;
  if (b.size === 0) return a;
  const out = new Map(a);
  for (const [k, v] of b) {
    const mine = out.get(k);
    if (mine !== undefined && mine !== v) return null;
    out.set(k, v);
  }
  return out;
}

/** Every agreeing pair of `a` and `b`, combined by `join`; null past MAX_VARIANTS. */
export function pairs<A extends { choices: Choices }, B extends { choices: Choices }, C>(
  a: readonly A[],
  b: readonly B[],
  join: (x: A, y: B, choices: Choices) => C,
): C[] | null {
  const out: C[] = [];
  for (const x of a) {
    for (const y of b) {
      const choices = merge(x.choices, y.choices);
      if (choices === null) continue;
      out.push(join(x, y, choices));
      if (out.length > MAX_VARIANTS) return null;
    }
  }
  return out;
}

export function concat(a: readonly Variant[], b: readonly Variant[]): Variant[] | null {
  return pairs(a, b, (x, y, choices) => ({ parts: [...x.parts, ...y.parts], choices }));
}

/** Tags every variant with branch `branch` of choice point `key` (dropping those that took another). */
export function choose<T extends { choices: Choices }>(
  key: string,
  branch: number,
  items: readonly T[],
): T[] {
  return items.flatMap((item) => {
    const choices = merge(item.choices, new Map([[key, branch]]));
    return choices === null ? [] : [{ ...item, choices }];
  });
}

/** Joins each list of elements with each separator. */
export function joinArrays(arrays: readonly ArrayVariant[], seps: readonly Variant[]): Variant[] | null {
  return pairs(arrays, seps, (a, s, choices) => ({
    parts: a.elements.flatMap((el, i) => (i === 0 ? [...el] : [...s.parts, ...el])),
    choices,
  }));
}

/** Appends one element (each of its variants) to each list. */
export function appendElement(
  arrays: readonly ArrayVariant[],
  element: readonly Variant[],
): ArrayVariant[] | null {
  return pairs(arrays, element, (a, e, choices) => ({ elements: [...a.elements, e.parts], choices }));
}

/** Appends the lists in `more` to those in `arrays` (a spread). */
export function appendArrays(
  arrays: readonly ArrayVariant[],
  more: readonly ArrayVariant[],
): ArrayVariant[] | null {
  return pairs(arrays, more, (a, m, choices) => ({ elements: [...a.elements, ...m.elements], choices }));
}

export function skipOuter(e: ts.Expression): ts.Expression {
  let x = e;
  while (
    ts.isParenthesizedExpression(x) ||
    ts.isAsExpression(x) ||
    ts.isSatisfiesExpression(x) ||
    ts.isNonNullExpression(x) ||
    ts.isTypeAssertionExpression(x)
  ) {
    x = x.expression;
  }
  return x;
}

/** The function a declaration holds (a function, a method, or a variable or property set to one). */
export function functionOf(decl: ts.Declaration | undefined): ts.SignatureDeclaration | null {
  if (decl === undefined) return null;
  if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl)) return decl.body ? decl : null;
  if (ts.isVariableDeclaration(decl) || ts.isPropertyAssignment(decl)) {
    const init = decl.initializer ? skipOuter(decl.initializer) : undefined;
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return init;
  }
  return null;
}

/** The expressions a function can return (null when one path returns nothing or there is no body). */
export function returnsOf(fn: ts.SignatureDeclaration): ts.Expression[] | null {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (body === undefined) return null;
  if (!ts.isBlock(body)) return [body];
  const out: ts.Expression[] = [];
  let bare = false;
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n)) {
      if (n.expression) out.push(n.expression);
      else bare = true;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return bare || out.length === 0 ? null : out;
}
