/**
 * A/B: the same scenarios on a base revision and on this working tree, alternately, several rounds, then every
 * figure side by side with its medians. On this 2-core machine whole runs drift by ±35% (the host), so a change is
 * judged only by runs taken in turns; this does what earlier stops did by hand.
 *
 *   npx tsx bench/ab.ts --base 97b7afe --only lifecycle-sqlite-1p-http [--rounds 3]
 *
 * The base is checked out into $TMPDIR/tessera-ab/<commit> (outside the repository, so no type check or lint
 * sees it; kept for the next comparison). Its node_modules is a copy of this tree's when both lock files agree,
 * else `npm ci`. The base must be a revision whose `bench/run.ts` has `--figures`. Every run's log and figures:
 * $TMPDIR/tessera-ab/logs/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { abRows, abTable, type FigureRecord } from './harness/ab-table';

const USAGE = 'usage: npx tsx bench/ab.ts --base REV --only NAME[,NAME…] [--rounds N]';

/** A bad command line or base: one line and exit code 2, as every Tessera command does. */
function fail(message: string): never {
  console.error(`ab: ${message}`);
  process.exit(2);
}

function options() {
  let values: { base?: string; only?: string; rounds?: string };
  try {
    ({ values } = parseArgs({
      options: { base: { type: 'string' }, only: { type: 'string' }, rounds: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.base === undefined || values.only === undefined) fail(USAGE);
  if (/browser/.test(values.only))
    fail('the browser scenarios need a built web app in both trees; not supported');
  const rounds = Number(values.rounds ?? 3);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20)
    fail('--rounds must be an integer from 1 to 20');
  return { base: values.base, only: values.only, rounds };
}

const AB_DIR = join(tmpdir(), 'tessera-ab');

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

function resolveCommit(root: string, rev: string): string {
  try {
    return git(root, 'rev-parse', '--verify', `${rev}^{commit}`);
  } catch {
    return fail(`${rev} is not a commit of this repository`);
  }
}

/** Fails unless the base's harness can write its figures (`--figures`, added with this tool). */
function requireFigures(root: string, commit: string): void {
  let baseOptions = '';
  try {
    baseOptions = git(root, 'show', `${commit}:bench/harness/options.ts`);
  } catch {
    // older than the bench harness itself
  }
  if (!baseOptions.includes("figures: { type: 'string' }")) {
    fail(`${commit.slice(0, 7)}'s bench/run.ts has no --figures option: pick a base at or after 3d93dd8`);
  }
}

/**
 * The base revision under $TMPDIR/tessera-ab/<commit>, with its dependencies. A marker file is written last,
 * so a checkout or install that was interrupted is done again next time.
 */
function prepareBase(root: string, commit: string): string {
  requireFigures(root, commit);
  const dir = join(AB_DIR, commit.slice(0, 12));
  const ready = join(dir, '.ab-ready');
  if (existsSync(ready)) return dir;
  console.log(`ab: checking out ${commit.slice(0, 7)} into ${dir}`);
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '--quiet');
  git(dir, 'fetch', '--quiet', root, commit);
  git(dir, 'checkout', '--quiet', '--force', '--detach', commit);
  rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
  const sameLock =
    readFileSync(join(root, 'package-lock.json'), 'utf8') ===
    readFileSync(join(dir, 'package-lock.json'), 'utf8');
  console.log(`ab: dependencies of the base: ${sameLock ? 'copying this tree’s node_modules' : 'npm ci'}`);
  if (sameLock) {
    cpSync(join(root, 'node_modules'), join(dir, 'node_modules'), {
      recursive: true,
      verbatimSymlinks: true,
    });
  } else {
    run(dir, 'npm', ['ci', '--no-audit', '--no-fund'], join(AB_DIR, `npm-ci-${commit.slice(0, 12)}.log`));
  }
  writeFileSync(ready, `${new Date().toISOString()}\n`);
  return dir;
}

/** Runs a command with its output in `log`; a failure stops the comparison with the log's path. */
function run(cwd: string, command: string, args: readonly string[], log: string): void {
  const fd = openSync(log, 'w');
  try {
    const out = spawnSync(command, args, { cwd, stdio: ['ignore', fd, fd] });
    if (out.status !== 0) {
      console.error(`\nab: ${command} ${args.join(' ')} failed in ${cwd}; see ${log}`);
      process.exit(1);
    }
  } finally {
    closeSync(fd);
  }
}

/** A round is one drain per side: `--drains 1` for a tree whose harness repeats drains (older ones drain once). */
function oneDrain(tree: string): string[] {
  const optionsFile = readFileSync(join(tree, 'bench/harness/options.ts'), 'utf8');
  return optionsFile.includes("drains: { type: 'string' }") ? ['--drains', '1'] : [];
}

function benchOnce(tree: string, only: string, figures: string, log: string): FigureRecord {
  const started = performance.now();
  run(
    tree,
    'bash',
    [
      'scripts/with-postgres.sh',
      'npx',
      'tsx',
      'bench/run.ts',
      '--only',
      only,
      '--no-write',
      '--figures',
      figures,
      ...oneDrain(tree),
    ],
    log,
  );
  console.log(`   ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return JSON.parse(readFileSync(figures, 'utf8')) as FigureRecord;
}

const { base, only, rounds } = options();
const root = resolve(git(process.cwd(), 'rev-parse', '--show-toplevel'));
const commit = resolveCommit(root, base);
const baseTree = prepareBase(root, commit);
const logs = join(AB_DIR, 'logs');
mkdirSync(logs, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const results = { base: [] as FigureRecord[], current: [] as FigureRecord[] };
for (let round = 1; round <= rounds; round++) {
  // In turns, and the order swapped every round: neither side always runs on a machine the other warmed.
  const order = round % 2 === 1 ? (['base', 'current'] as const) : (['current', 'base'] as const);
  for (const side of order) {
    const name = `${stamp}-${side}-${round}`;
    process.stdout.write(
      `ab: round ${round}/${rounds}, ${side === 'base' ? commit.slice(0, 7) : 'working tree'}:`,
    );
    const tree = side === 'base' ? baseTree : root;
    results[side].push(benchOnce(tree, only, join(logs, `${name}.json`), join(logs, `${name}.log`)));
  }
}
console.log(`\n${abTable(abRows(results.base, results.current), commit.slice(0, 7), 'working tree')}`);
