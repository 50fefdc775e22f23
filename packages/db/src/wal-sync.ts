import { closeSync, fsync, openSync } from 'node:fs';

/** Flushes a file to stable storage off the event loop (`fs.fsync` runs on libuv's thread pool). */
export type FileSync = (fd: number, done: (error: Error | null) => void) => void;

/**
 * Makes committed WAL frames durable without blocking the event loop. SQLite's `synchronous=FULL` fsyncs the
 * WAL inside `COMMIT`, on the only thread that serves requests: ~0.5 ms per group commit in which nothing
 * else runs. Instead the connection commits with `synchronous=NORMAL` (frames written, not flushed) and asks
 * for a flush here; its callers are answered only once a flush that *started after their commit* finished.
 * WAL frames are replayed in order up to the last valid commit, so a flush covers every earlier commit too.
 * Requests arriving while a flush runs share the next one.
 */
export interface WalSync {
  /** Resolves once every frame committed before this call is on stable storage; rejects if the flush failed. */
  flush(): Promise<void>;
  /** The error of a failed flush, after which nothing more should be written; null while all is well. */
  failure(): Error | null;
  close(): void;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

const defaultSync: FileSync = (fd, done) => fsync(fd, done);

/**
 * Opens `walPath` lazily (SQLite creates it on the first write to a new database). A failed flush is permanent: the kernel may
 * have dropped the dirty pages it could not write (PostgreSQL's "fsyncgate"), so every later flush fails with
 * the same error and the process must restart (SQLite then recovers from what reached the disk).
 */
export function openWalSync(walPath: string, sync: FileSync = defaultSync): WalSync {
  let fd: number | null = null;
  let running = false;
  let failed: Error | null = null;
  let waiting: Waiter[] = [];

  function start(): void {
    const batch = waiting;
    waiting = [];
    running = true;
    try {
      fd ??= openSync(walPath, 'r');
    } catch (error) {
      // No WAL yet: no commit has written a frame, so there is nothing to flush.
      finish(batch, (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : (error as Error));
      return;
    }
    sync(fd, (error) => finish(batch, error));
  }

  function finish(batch: readonly Waiter[], error: Error | null): void {
    running = false;
    if (error !== null) failed = walSyncError(error);
    for (const w of batch) {
      if (failed === null) w.resolve();
      else w.reject(failed);
    }
    if (waiting.length > 0) start();
  }

  return {
    flush: () =>
      new Promise<void>((resolve, reject) => {
        if (failed !== null) {
          reject(failed);
          return;
        }
        waiting.push({ resolve, reject });
        if (!running) start();
      }),
    failure: () => failed,
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

/** Carries SQLite's I/O error code, so the HTTP edge answers 503 like for any other failed database write. */
function walSyncError(cause: Error): Error {
  return Object.assign(new Error(`WAL fsync failed: ${cause.message}`, { cause }), {
    code: 'SQLITE_IOERR_FSYNC',
  });
}
