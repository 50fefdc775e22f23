import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./health-pinger-process.ts', import.meta.url));

/** One health check: when it started (epoch ms), how long it took, and its status (-1: no answer). */
export interface Ping {
  readonly at: number;
  readonly ms: number;
  readonly status: number;
}

export interface HealthPinger {
  /** Ends the pinging (closes the child's stdin) and resolves with every ping, in order. */
  stop(): Promise<Ping[]>;
}

/**
 * Starts `health-pinger-process.ts` against `url` (its own process and pid, stopped by closing its stdin;
 * it also stops by itself after `maxMs`) and resolves once it pings.
 */
export function startHealthPinger(url: string, everyMs: number, maxMs: number): Promise<HealthPinger> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, url, String(everyMs), String(maxMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const next = async () => {
    const line = await iterator.next();
    if (line.done) throw new Error(`health pinger ${child.pid} exited without an answer`);
    return line.value;
  };
  return next().then(() => ({
    async stop() {
      child.stdin.end();
      const samples = JSON.parse(await next()) as [number, number, number][];
      lines.close();
      return samples.map(([at, ms, status]) => ({ at, ms, status }));
    },
  }));
}
