import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * The TypeScript program the T5 check reads: every non-test source file under the chosen roots, compiled
 * with the repository's tsconfig so imports (also `@tessera/*` workspace packages) resolve to their
 * declarations. Also: naming the function around a node, reading `tenant:` marker comments, and checking
 * that no shipped file imports an excluded (test-only) one.
 */

export interface SourceSelection {
  /** Repository-relative folders whose `.ts` files are read. */
  readonly roots: readonly string[];
  /** Repository-relative paths left out, each with why it cannot run in the service. */
  readonly excluded: readonly { readonly pattern: RegExp; readonly reason: string }[];
}

export interface SourceProgram {
  readonly repoRoot: string;
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  /** The selected files (repository-relative path → source file). */
  readonly files: ReadonlyMap<string, ts.SourceFile>;
  relativePath(file: ts.SourceFile): string;
  /** True for files of this repository (not node_modules, not lib.d.ts). */
  inProject(file: ts.SourceFile): boolean;
}

export interface TenantMarker {
  readonly kind: 'system' | 'checked';
  readonly reason: string;
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) out.push(path);
  }
}

const excludedBy = (selection: SourceSelection, rel: string) =>
  selection.excluded.find((e) => e.pattern.test(rel));

/** Compiles the selected files (type information only; nothing is emitted). */
export function openSourceProgram(repoRoot: string, selection: SourceSelection): SourceProgram {
  const paths: string[] = [];
  for (const root of selection.roots) walk(join(repoRoot, root), paths);
  const selected = paths.filter((p) => excludedBy(selection, relative(repoRoot, p)) === undefined);
  const config = ts.getParsedCommandLineOfConfigFile(join(repoRoot, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (config === undefined) throw new Error('tsconfig.json could not be read');
  const program = ts.createProgram(selected, { ...config.options, noEmit: true });
  const relativePath = (f: ts.SourceFile) => relative(repoRoot, f.fileName);
  const files = new Map<string, ts.SourceFile>();
  for (const p of selected) {
    const sf = program.getSourceFile(p);
    if (sf !== undefined) files.set(relative(repoRoot, p), sf);
  }
  return {
    repoRoot,
    program,
    checker: program.getTypeChecker(),
    files,
    relativePath,
    inProject: (f) =>
      !f.isDeclarationFile && !relativePath(f).startsWith('..') && !f.fileName.includes('node_modules'),
  };
}

/**
 * Values that selected files import from excluded files holding statement text: "test-only" would then be
 * untrue for SQL the service can run. (Re-exports such as `export * from './testing/…'` in an index use
 * nothing, and a file without SQL cannot hide any.)
 */
export function importsOfExcluded(source: SourceProgram, selection: SourceSelection): string[] {
  const out: string[] = [];
  for (const [rel, sf] of source.files) {
    for (const st of sf.statements) {
      if (!ts.isImportDeclaration(st) || st.importClause === undefined || st.importClause.isTypeOnly)
        continue;
      const names: ts.Node[] = [];
      if (st.importClause.name) names.push(st.importClause.name);
      const bindings = st.importClause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.push(st.moduleSpecifier);
      if (bindings && ts.isNamedImports(bindings))
        names.push(...bindings.elements.filter((e) => !e.isTypeOnly).map((e) => e.name));
      for (const name of names) {
        const sym = source.checker.getSymbolAtLocation(name);
        const target = sym && sym.flags & ts.SymbolFlags.Alias ? source.checker.getAliasedSymbol(sym) : sym;
        const file = target?.valueDeclaration?.getSourceFile() ?? target?.declarations?.[0]?.getSourceFile();
        if (file === undefined || !source.inProject(file)) continue;
        const targetRel = source.relativePath(file);
        const inRoots = selection.roots.some((r) => targetRel.startsWith(`${r}/`));
        if (inRoots && excludedBy(selection, targetRel) !== undefined && SQL_TEXT.test(file.text)) {
          out.push(`${rel} imports ${name.getText()} from ${targetRel}`);
        }
      }
    }
  }
  return out;
}

const SQL_TEXT = /['"`]\s*(SELECT|INSERT INTO|UPDATE|DELETE FROM|WITH)\s/;

function nameOf(node: ts.Node): string | null {
  const isFn = (e: ts.Expression | undefined) =>
    e !== undefined &&
    (ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isObjectLiteralExpression(e));
  if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name) return node.name.text;
  if (ts.isMethodDeclaration(node) || ts.isGetAccessor(node)) return node.name.getText();
  if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && isFn(node.initializer))
    return node.name.text;
  if (ts.isPropertyAssignment(node) && isFn(node.initializer)) return node.name.getText();
  return null;
}

/** The named functions around `node`, outermost first: `taskRepo.get`, `endpointStore.getById`. */
export function functionPath(node: ts.Node): string {
  const names: string[] = [];
  for (let n = node.parent; n !== undefined; n = n.parent) {
    const name = nameOf(n);
    if (name !== null) names.unshift(name);
  }
  return names.length > 0 ? names.join('.') : '<module>';
}

/** The name a function-like node is called by, if it has one. */
export function calledName(fn: ts.SignatureDeclaration): string | null {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) return fn.name.getText();
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent)) return parent.name.getText();
  return null;
}

const MARKER = /tenant:\s*(system|checked)\s*(?:—|–|-{1,2}|:)\s*(\S[^*]*?)\s*(?:\*\/)?$/m;

/** A `tenant: system — reason` (or `checked`) comment on the SQL argument or on the statement holding it. */
export function markerOf(sqlArg: ts.Node): TenantMarker | null {
  const text = sqlArg.getSourceFile().text;
  const holders: ts.Node[] = [sqlArg];
  for (let n: ts.Node | undefined = sqlArg.parent; n !== undefined; n = n.parent) {
    holders.push(n);
    if (ts.isStatement(n)) break;
  }
  for (const node of holders) {
    for (const range of ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []) {
      const m = MARKER.exec(text.slice(range.pos, range.end));
      if (m?.[1] !== undefined && m[2] !== undefined)
        return { kind: m[1] as TenantMarker['kind'], reason: m[2] };
    }
  }
  return null;
}

const SQL_START = /^\s*(SELECT|INSERT INTO|UPDATE|DELETE FROM|WITH)\s/;

/** Literal text in the selected files that starts like a statement (a template's text before its first `${`). */
export function sqlLiterals(source: SourceProgram): { readonly at: string; readonly text: string }[] {
  const out: { at: string; text: string }[] = [];
  for (const [rel, sf] of source.files) {
    const visit = (n: ts.Node): void => {
      const text =
        ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)
          ? n.text
          : ts.isTemplateExpression(n)
            ? n.head.text
            : null;
      if (text !== null && SQL_START.test(text)) {
        out.push({ at: `${rel}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`, text });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}
