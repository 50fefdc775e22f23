import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./sdk-worker.ts', import.meta.url));

/** What the worker answered: the response body, or the API error's status and code. */
export type WorkerAnswer =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly status: number; readonly code: string };

/** An SDK worker in its own process (see `sdk-worker.ts`), controlled through stdin/stdout. */
export interface WorkerProcess {
  /** The worker's own pid (the node process, also when it runs under a wrapper such as `faketime`). */
  readonly pid: number;
  readonly child: ChildProcess;
  /** Sends a command; resolves with its answer (answers come back in order). */
  send(command: Record<string, unknown>): Promise<WorkerAnswer>;
  /** Closes stdin (the worker exits 0 after its last answer) and waits for the exit. */
  close(): Promise<number | null>;
}

/**
 * Starts a worker against `url` with `apiKey`. `wrapper` runs it under another program, e.g.
 * `['faketime', '-f', '+10m']`.
 */
export function spawnWorker(
  url: string,
  apiKey: string,
  wrapper: readonly string[] = [],
): Promise<WorkerProcess> {
  const argv = [...wrapper, process.execPath, '--import', 'tsx', ENTRY];
  const child = spawn(argv[0] as string, argv.slice(1), {
    env: { ...process.env, TESSERA_URL: url, TESSERA_KEY: apiKey },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting: ((answer: WorkerAnswer) => void)[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker did not start')), 30_000);
    child.once('exit', (code) => reject(new Error(`worker exited with ${String(code)}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const message = JSON.parse(line) as { ready?: number } & WorkerAnswer;
      if (message.ready !== undefined) {
        clearTimeout(timer);
        resolve({
          pid: message.ready,
          child,
          send(command) {
            return new Promise((answer) => {
              waiting.push(answer);
              child.stdin?.write(`${JSON.stringify(command)}\n`);
            });
          },
          close() {
            child.stdin?.end();
            return exited;
          },
        });
        return;
      }
      waiting.shift()?.(message);
    });
  });
}
