import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** What the process wrote to stderr so far (why it died, when it did). */
  stderr(): string;
}

const ENTRY = fileURLToPath(new URL('./serve-process.ts', import.meta.url));

/**
 * Starts a `serve` process (own pid) and resolves once it prints its URL; rejects after `timeoutMs`.
 * `launcher` runs it through another program that execs it (e.g. `fiu-run -x`): the pid stays the child's.
 */
export function spawnServer(
  env: Record<string, string>,
  timeoutMs = 30_000,
  launcher: readonly string[] = [],
): Promise<ServerProcess> {
  const [command = process.execPath, ...args] = [...launcher, process.execPath, '--import', 'tsx', ENTRY];
  const child = spawn(command, args, {
    env: { ...process.env, PORT: '0', TESSERA_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), timeoutMs);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (line !== undefined && out.includes('\n')) {
        clearTimeout(timer);
        const { url, pid } = JSON.parse(line) as { url: string; pid: number };
        if (pid !== child.pid) reject(new Error(`${command} did not exec: pid ${pid} is not ${child.pid}`));
        resolve({ url, pid, child, stderr: () => stderr });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}: ${stderr}`));
    });
  });
}

/** Stops a server process by its own pid (SIGTERM, then SIGKILL after `graceMs`). */
export async function stopServer(server: ServerProcess, graceMs = 10_000): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  process.kill(server.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (server.child.exitCode === null) process.kill(server.pid, 'SIGKILL');
  }, graceMs);
  await exited;
  clearTimeout(timer);
}
