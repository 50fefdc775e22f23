import ts from 'typescript';
import { calledName, functionPath, markerOf, type SourceProgram, type TenantMarker } from './t5-sql-program';
import { SqlResolver } from './t5-sql-resolve';
import { holeMarker } from './t5-sql-tokens';
import { concat, type Hole, joinArrays, text, type Variant } from './t5-sql-variants';

/**
 * Every place the selected sources run SQL, with the texts the SQL can take. A sink is:
 * - `all`/`run` of `SqlExecutor`/`SqlClient` (packages/db/src/sql-client.ts) or of the job queue's
 *   `JobSqlExecutor`/`JobSql` (packages/jobs/src/job-sql.ts), found by type, whatever the variable is called;
 * - a driver call (better-sqlite3 `prepare`/`exec`/`pragma`, pg `query`), which only the clients may make;
 * - a call of a configured builder (a function that builds its statement from its arguments).
 * A sink whose whole SQL is a parameter of a function is a forwarder: each direct call of that function
 * becomes a site with its argument (when every use of the function is such a call).
 */

export interface SqlBuilder {
  /** Repository-relative file and name of a function that builds a statement from its arguments and runs it. */
  readonly file: string;
  readonly name: string;
  /** The statement, with argument indexes where their values go (an array argument is joined with ', '). */
  readonly template: readonly (string | number)[];
}

export interface SqlSite {
  readonly file: string;
  readonly line: number;
  /** The named function around the call: `taskRepo.get`. */
  readonly func: string;
  /** What runs the SQL: `SqlExecutor.all`, `driver:prepare`, `builder:insertRows`, `forwarded:batchRepo.one`. */
  readonly via: string;
  /** Each text the SQL can take; unresolved parts appear as `holeMarker(i)`. */
  readonly texts: readonly string[];
  /** The source text of each unresolved part. */
  readonly holes: readonly string[];
  readonly marker: TenantMarker | null;
  /** Set when the SQL is checked elsewhere: at a forwarder's callers, or at a builder's callers. */
  readonly coveredBy: string | null;
}

const INTERFACE_FILES = ['packages/db/src/sql-client.ts', 'packages/jobs/src/job-sql.ts'];
/** The SqlExecutor methods whose first argument is a statement (`defer`, `deferOne`: writes answered later). */
const EXECUTOR_METHODS: ReadonlySet<string> = new Set(['all', 'run', 'defer', 'deferOne']);
const DRIVER_PREFIX: Readonly<Record<string, string>> = {
  prepare: '',
  exec: '',
  pragma: 'PRAGMA ',
  query: '',
};
const DRIVER_TYPES = [
  '/node_modules/@types/better-sqlite3/',
  '/node_modules/@types/pg/',
  '/node_modules/pg/',
];

interface Forwarder {
  readonly fn: ts.SignatureDeclaration;
  readonly index: number;
  readonly name: string;
  /** The site inside the forwarder. */
  readonly site: number;
}

export class SiteCollector {
  private readonly resolver: SqlResolver;
  private readonly sites: SqlSite[] = [];
  private readonly forwarders: Forwarder[] = [];

  constructor(
    private readonly src: SourceProgram,
    private readonly builders: readonly SqlBuilder[],
  ) {
    this.resolver = new SqlResolver(src.checker, src.inProject);
  }

  collect(): readonly SqlSite[] {
    for (const sf of this.src.files.values()) this.visit(sf);
    for (let round = 0; round < 5 && this.forwarders.length > 0; round++) this.expandForwarders();
    return this.sites;
  }

  private declFile(node: ts.Node): string {
    return this.src.relativePath(node.getSourceFile()).replaceAll('\\', '/');
  }

  private visit(node: ts.Node): void {
    if (ts.isCallExpression(node)) this.callSite(node);
    ts.forEachChild(node, (c) => this.visit(c));
  }

  /** `SqlExecutor.all`, `driver:prepare`, … when `call` runs SQL given as its first argument. */
  private sinkKind(call: ts.CallExpression): string | null {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || call.arguments.length === 0) return null;
    const method = callee.name.text;
    const driverMethod = Object.hasOwn(DRIVER_PREFIX, method);
    if (!EXECUTOR_METHODS.has(method) && !driverMethod) return null;
    const checker = this.src.checker;
    const decls = [
      ...(checker.getSymbolAtLocation(callee.name)?.declarations ?? []),
      ...checker
        .getTypeAtLocation(callee)
        .getCallSignatures()
        .flatMap((s) => (s.declaration ? [s.declaration] : [])),
    ];
    for (const d of decls) {
      const file = d.getSourceFile().fileName.replaceAll('\\', '/');
      if (EXECUTOR_METHODS.has(method) && INTERFACE_FILES.some((f) => file.endsWith(f))) {
        const owner = d.parent && ts.isInterfaceDeclaration(d.parent) ? d.parent.name.text : 'SqlExecutor';
        return `${owner}.${method}`;
      }
      if (driverMethod && DRIVER_TYPES.some((t) => file.includes(t))) return `driver:${method}`;
    }
    return null;
  }

  private builderOf(call: ts.CallExpression): SqlBuilder | null {
    const callee = call.expression;
    const name = ts.isIdentifier(callee)
      ? callee.text
      : ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : '';
    if (!this.builders.some((b) => b.name === name)) return null;
    const decl = this.src.checker.getSymbolAtLocation(callee);
    const target = decl && decl.flags & ts.SymbolFlags.Alias ? this.src.checker.getAliasedSymbol(decl) : decl;
    const d = target?.valueDeclaration;
    if (d === undefined) return null;
    const file = this.declFile(d);
    return this.builders.find((b) => b.file === file && target?.name === b.name) ?? null;
  }

  private insideBuilder(node: ts.Node): SqlBuilder | null {
    const file = this.declFile(node);
    for (let n: ts.Node | undefined = node; n !== undefined; n = n.parent) {
      if (ts.isFunctionLike(n)) {
        const name = calledName(n);
        const b = this.builders.find((x) => x.file === file && x.name === name);
        if (b !== undefined) return b;
      }
    }
    return null;
  }

  private callSite(call: ts.CallExpression): void {
    const builder = this.builderOf(call);
    if (builder !== null) {
      this.add(call, call, this.builderVariants(builder, call), `builder:${builder.name}`, null);
      return;
    }
    const kind = this.sinkKind(call);
    if (kind === null) return;
    const arg = call.arguments[0] as ts.Expression;
    const prefix = kind.startsWith('driver:') ? (DRIVER_PREFIX[kind.slice(7)] ?? '') : '';
    const resolved = this.resolver.resolve(arg);
    const variants = prefix === '' ? resolved : (concat(text(prefix), resolved) ?? resolved);
    const inBuilder = this.insideBuilder(call);
    this.add(call, arg, variants, kind, inBuilder === null ? null : `builder:${inBuilder.name}`);
  }

  /** The builder's template with each argument's texts (an array argument joined with ', '). */
  private builderVariants(b: SqlBuilder, call: ts.CallExpression): readonly Variant[] {
    let out: readonly Variant[] = text('');
    for (const piece of b.template) {
      const arg = typeof piece === 'number' ? call.arguments[piece] : undefined;
      const arrays = arg === undefined ? null : this.resolver.resolveArray(arg);
      const options =
        typeof piece === 'string'
          ? text(piece)
          : arrays !== null
            ? (joinArrays(arrays, text(', ')) ?? [])
            : arg !== undefined
              ? this.resolver.resolve(arg)
              : [{ parts: [{ text: `argument ${piece}`, param: null }], choices: new Map() }];
      out = concat(out, options) ?? [{ parts: [{ text: call.getText(), param: null }], choices: new Map() }];
    }
    return out;
  }

  private add(
    call: ts.CallExpression,
    sqlArg: ts.Node,
    variants: readonly Variant[],
    via: string,
    coveredBy: string | null,
  ): void {
    const sf = call.getSourceFile();
    const holes: string[] = [];
    const texts = variants.map((v) =>
      v.parts.map((p) => (typeof p === 'string' ? p : holeMarker(indexOf(holes, p)))).join(''),
    );
    const forwarder = coveredBy === null ? this.forwarderOf(variants, this.sites.length) : null;
    if (forwarder !== null) this.forwarders.push(forwarder);
    this.sites.push({
      file: this.src.relativePath(sf),
      line: sf.getLineAndCharacterOfPosition(call.getStart()).line + 1,
      func: functionPath(call),
      via,
      texts,
      holes,
      marker: markerOf(sqlArg),
      coveredBy: forwarder === null ? coveredBy : `forwarder:${forwarder.name}`,
    });
  }

  /**
   * The local helper whose parameter is the whole SQL here: a function declaration or a function held by a
   * variable (an object's method may also be reached through an interface, so it stays a hole).
   */
  private forwarderOf(variants: readonly Variant[], site: number): Forwarder | null {
    const only = variants.length === 1 && variants[0]?.parts.length === 1 ? variants[0].parts[0] : undefined;
    if (only === undefined || typeof only === 'string' || only.param === null) return null;
    const fn = only.param.parent;
    const local =
      ts.isFunctionDeclaration(fn) ||
      ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent));
    const name = local ? calledName(fn) : null;
    return name === null ? null : { fn, index: fn.parameters.indexOf(only.param), name, site };
  }

  /** Turns the direct calls of each pending forwarder into sites; a forwarder used otherwise stays a hole. */
  private expandForwarders(): void {
    const pending = this.forwarders.splice(0);
    for (const f of pending) {
      const calls: ts.CallExpression[] = [];
      let escapes = false;
      for (const sf of this.src.files.values()) {
        this.references(sf, f, (id) => {
          const call = callOf(id);
          if (call === null) escapes = true;
          else calls.push(call);
        });
      }
      if (escapes || calls.length === 0) {
        const site = this.sites[f.site];
        if (site !== undefined) this.sites[f.site] = { ...site, coveredBy: null };
        continue;
      }
      for (const call of calls) {
        const arg = call.arguments[f.index];
        if (arg === undefined) continue;
        this.add(call, arg, this.resolver.resolve(arg), `forwarded:${functionPath(f.fn)}`, null);
      }
    }
  }

  private references(node: ts.Node, f: Forwarder, found: (id: ts.Identifier) => void): void {
    if (ts.isIdentifier(node) && node.text === f.name && !isDeclarationName(node)) {
      const sym = ts.isShorthandPropertyAssignment(node.parent)
        ? this.src.checker.getShorthandAssignmentValueSymbol(node.parent)
        : this.src.checker.getSymbolAtLocation(node);
      const target = sym && sym.flags & ts.SymbolFlags.Alias ? this.src.checker.getAliasedSymbol(sym) : sym;
      const d = target?.valueDeclaration;
      if (d !== undefined && (d === f.fn || d === f.fn.parent)) found(node);
    }
    ts.forEachChild(node, (c) => this.references(c, f, found));
  }
}

function indexOf(holes: string[], h: Hole): number {
  const at = holes.indexOf(h.text);
  if (at >= 0) return at;
  holes.push(h.text);
  return holes.length - 1;
}

function isDeclarationName(id: ts.Identifier): boolean {
  const p = id.parent;
  return (
    ((ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p) || ts.isVariableDeclaration(p)) &&
      p.name === id) ||
    (ts.isPropertyAssignment(p) && p.name === id) ||
    ts.isImportSpecifier(p) ||
    ts.isExportSpecifier(p)
  );
}

/** The call `id` is the callee of (`f(…)` or `x.f(…)`), or null when it is used another way. */
function callOf(id: ts.Identifier): ts.CallExpression | null {
  const callee = ts.isPropertyAccessExpression(id.parent) && id.parent.name === id ? id.parent : id;
  const call = callee.parent;
  return ts.isCallExpression(call) && call.expression === callee ? call : null;
}
