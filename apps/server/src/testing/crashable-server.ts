import { type ServerProcess, spawnServer, stopServer } from './spawn-servers';

/** How a process ended. */
export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Waits for a child to exit; resolves at once if it already has. */
export function waitForExit(server: ServerProcess, timeoutMs = 30_000): Promise<ExitStatus> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pid ${server.pid} did not exit`)), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

/** Sends `signal` to the server's own pid (never by name) and waits for it to exit. */
export async function killServer(
  server: ServerProcess,
  signal: NodeJS.Signals = 'SIGKILL',
): Promise<ExitStatus> {
  const exited = waitForExit(server);
  process.kill(server.pid, signal);
  return exited;
}

/**
 * A serve process that tests crash and restart on the same data: clients ask for `url()` after awaiting
 * `ready()`, which stays pending while the server is down.
 */
export interface CrashableServer {
  url(): string;
  /** Resolves once a server is up (at once unless a crash or restart is in progress). */
  ready(): Promise<void>;
  readonly pid: () => number;
  /** SIGKILL by pid, wait for the exit, run `whileDown` (inspect the data), then start a new process. */
  crash(whileDown?: () => Promise<void>): Promise<ExitStatus>;
  /** SIGTERM (clean stop). */
  stop(): Promise<void>;
  readonly crashes: () => number;
  /** Exits nobody asked for (the process died by itself): always a bug. */
  readonly unexpectedExits: () => number;
}

export async function startCrashable(env: Record<string, string>): Promise<CrashableServer> {
  let planned = false;
  let unexpected = 0;
  const spawn = async () => {
    const server = await spawnServer(env);
    server.child.once('exit', () => {
      if (!planned) unexpected += 1;
    });
    return server;
  };
  let current = await spawn();
  let up: Promise<void> = Promise.resolve();
  let crashes = 0;
  let chain: Promise<void> = Promise.resolve();

  async function replace(kill: () => Promise<ExitStatus>, whileDown?: () => Promise<void>) {
    let open!: () => void;
    up = new Promise<void>((resolve) => {
      open = resolve;
    });
    planned = true;
    const status = await kill();
    await whileDown?.();
    planned = false;
    current = await spawn();
    open();
    return status;
  }

  return {
    url: () => current.url,
    ready: () => up,
    pid: () => current.pid,
    crash: (whileDown) => {
      // One crash at a time: a second request waits for the first restart, then kills the new process.
      const next = chain.then(() => {
        crashes += 1;
        return replace(() => killServer(current, 'SIGKILL'), whileDown);
      });
      chain = next.then(
        () => undefined,
        () => undefined,
      );
      return next;
    },
    stop: () => {
      planned = true;
      return stopServer(current);
    },
    crashes: () => crashes,
    unexpectedExits: () => unexpected,
  };
}
