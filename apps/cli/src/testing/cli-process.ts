import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const BIN = join(ROOT, 'apps/cli/bin/tessera.js');

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of a CLI child: the test's, minus anything that would point it at another server or database. */
function childEnv(env: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const {
    TESSERA_API_KEY: _k,
    TESSERA_URL: _u,
    DATABASE_URL: _d,
    PORT: _p,
    TESSERA_DATA: _t,
    ...rest
  } = process.env;
  return { ...rest, TESSERA_LOG_LEVEL: 'warn', ...env };
}

export interface CliProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` on stdout; rejects on exit or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves when the process has exited. */
  exited(): Promise<CliResult>;
}

/** Starts `tessera …` as a child process (its own pid) without blocking this process's event loop. */
export function startCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  input?: string,
): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv(env) });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    out += s;
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    err += s;
  });
  if (input !== undefined) child.stdin.end(input);
  else child.stdin.end();
  const done = new Promise<CliResult>((resolveExit) =>
    child.once('close', (code, signal) => resolveExit({ code, signal, stdout: out, stderr: err })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited: () => done,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolveMatch, reject) => {
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${String(pattern)} on stdout after ${timeoutMs} ms; stderr: ${err}`));
        }, timeoutMs);
        const check = () => {
          const match = pattern.exec(out);
          if (match) {
            cleanup();
            resolveMatch(match);
          }
        };
        const onExit = () => {
          check();
          cleanup();
          reject(new Error(`exited before printing ${String(pattern)}; stderr: ${err}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          child.stdout.off('data', check);
          child.off('close', onExit);
        };
        child.stdout.on('data', check);
        child.once('close', onExit);
        check();
      });
    },
  };
}

/** Runs `tessera …` to completion. */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}, input?: string) {
  return startCli(args, env, input).exited();
}
