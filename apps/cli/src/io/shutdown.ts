import { describeError } from '../cli-error';

export interface Stoppable {
  close(): Promise<void>;
  /** Cuts whatever still holds the close up (open keep-alive connections, slow clients). */
  force?(): void;
}

export interface ShutdownOptions {
  readonly proc?: NodeJS.Process;
  /** How long a close may drain in-flight requests before `force` is called (default 10 s). */
  readonly forceAfterMs?: number;
}

/** How long a closed server may leave handles open before the process leaves anyway. */
const EXIT_GRACE_MS = 2_000;

/**
 * Resolves once the first SIGINT or SIGTERM has closed `server` (in-flight requests finish, the job runner
 * and database close), with exit code 0 (1 if closing failed). Connections still open after `forceAfterMs`
 * are cut. A second signal gets Node's default: the process ends at once.
 */
export function closeOnSignal(server: Stoppable, options: ShutdownOptions = {}): Promise<void> {
  const proc = options.proc ?? process;
  return new Promise((resolve) => {
    const stop = () => {
      proc.off('SIGINT', stop);
      proc.off('SIGTERM', stop);
      const forcing = setTimeout(() => server.force?.(), options.forceAfterMs ?? 10_000);
      server
        .close()
        .then(
          () => {
            proc.exitCode = 0;
          },
          (error: unknown) => {
            proc.stderr.write(`tessera: error while stopping: ${describeError(error)}\n`);
            proc.exitCode = 1;
          },
        )
        .finally(() => {
          clearTimeout(forcing);
          // Normally nothing is left and the process exits by itself; a stray handle must not keep it alive.
          setTimeout(() => proc.exit(), EXIT_GRACE_MS).unref();
          resolve();
        });
    };
    proc.on('SIGINT', stop);
    proc.on('SIGTERM', stop);
  });
}
