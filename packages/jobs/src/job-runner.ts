import type { Job, JobPayload } from './job';
import { check, errorText } from './job-errors';
import type { JobQueue } from './job-queue';

/** What a handler learns about the attempt it runs. */
export interface JobContext {
  readonly id: string;
  readonly queue: string;
  /** 1 on the first attempt. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly workerId: string;
  /** When the lease ends (epoch ms, queue clock): finish before it, or another worker may run the job too. */
  readonly lockedUntil: number;
}

/** Runs one job. Resolving completes it; throwing or rejecting fails the attempt with the error's message. */
export type JobHandler = (payload: JobPayload, ctx: JobContext) => Promise<void>;

/** Structured logging, pino-style (fields first). */
export interface JobLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** What `createJobRunner` needs. */
export interface JobRunnerOptions {
  readonly queue: JobQueue;
  /** One handler per queue name; the runner claims only from these queues. */
  readonly handlers: Readonly<Record<string, JobHandler>>;
  /** Unique per process (e.g. host, pid and a random suffix): leases are fenced by it. */
  readonly workerId: string;
  /** Most jobs run at once. */
  readonly concurrency: number;
  /** Lease per claimed job; a job still running after it may be claimed again by another worker. */
  readonly leaseMs: number;
  /** Wait between polls when no job was due. */
  readonly pollMs: number;
  readonly logger?: JobLogger;
}

/** Claims jobs, runs their handlers and records the outcome. */
export interface JobRunner {
  /**
   * One round: claims up to `concurrency` due jobs (queues in rotating order), runs them concurrently,
   * completes or fails each, and resolves with how many ran. Rejects only if a claim failed (after running
   * the jobs already claimed).
   */
  runOnce(): Promise<number>;
  /** Starts polling: rounds back to back while work is found, otherwise one every `pollMs`. */
  start(): void;
  /** Stops polling and resolves once the round in flight (its jobs included) has finished. */
  stop(): Promise<void>;
}

const silent: JobLogger = { warn: () => undefined, error: () => undefined };

/** Creates a runner. A throwing handler fails its job; no handler or database error crashes the loop. */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { queue, handlers, workerId, concurrency, leaseMs, pollMs } = options;
  const logger = options.logger ?? silent;
  const names = Object.keys(handlers);
  check(names.length > 0, 'a runner needs at least one handler');
  check(Number.isSafeInteger(concurrency) && concurrency >= 1, 'concurrency must be a positive integer');
  check(Number.isSafeInteger(pollMs) && pollMs >= 0, 'pollMs must be a non-negative integer');
  let nextQueue = 0;
  let running = false;
  let starts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let round: Promise<void> = Promise.resolve();

  /** Runs the handler; resolves with its failure (a sync throw included), or undefined on success. */
  async function runHandler(job: Job): Promise<{ readonly error: unknown } | undefined> {
    const handler = handlers[job.queue];
    const ctx: JobContext = {
      id: job.id,
      queue: job.queue,
      attempt: job.attempts,
      maxAttempts: job.maxAttempts,
      workerId,
      lockedUntil: job.lockedUntil ?? 0,
    };
    try {
      if (handler === undefined) throw new Error(`no handler for queue ${job.queue}`);
      await handler(job.payload, ctx);
      return undefined;
    } catch (error) {
      return { error };
    }
  }

  async function runJob(job: Job): Promise<void> {
    const failure = await runHandler(job);
    const fields = { jobId: job.id, queue: job.queue, attempt: job.attempts };
    try {
      if (failure === undefined) {
        const completed = await queue.complete(job.id, workerId);
        if (!completed) logger.warn(fields, 'job lease lost before completion');
        return;
      }
      const after = await queue.fail(job.id, workerId, failure.error);
      const error = after?.lastError ?? errorText(failure.error);
      if (after === undefined) logger.warn({ ...fields, error }, 'job lease lost before failure');
      else if (after.status === 'dead') logger.error({ ...fields, error }, 'job dead-lettered');
      else logger.warn({ ...fields, error, runAt: after.runAt }, 'job failed, will retry');
    } catch (error) {
      // Not recorded: the lease runs out and a later claim retries the job.
      logger.error({ ...fields, error: errorText(error) }, 'could not record job outcome');
    }
  }

  async function runOnce(): Promise<number> {
    const claimed: Job[] = [];
    let claimError: unknown;
    const first = nextQueue++ % names.length; // rotate so one busy queue cannot starve the others
    try {
      for (let i = 0; i < names.length && claimed.length < concurrency; i++) {
        const name = names[(first + i) % names.length] as string;
        claimed.push(...(await queue.claim(name, workerId, concurrency - claimed.length, leaseMs)));
      }
    } catch (error) {
      claimError = error ?? new Error('claim failed');
    }
    await Promise.all(claimed.map(runJob)); // jobs claimed before a failing claim still run
    if (claimError !== undefined) throw claimError;
    return claimed.length;
  }

  /** One round of the poll loop started `generation`-th; schedules the next while that start is current. */
  async function tick(generation: number): Promise<void> {
    timer = undefined;
    let found = 0;
    try {
      found = await runOnce();
    } catch (error) {
      logger.error({ workerId, error: errorText(error) }, 'job claim failed');
    }
    if (running && generation === starts) {
      timer = setTimeout(
        () => {
          round = tick(generation);
        },
        found > 0 ? 0 : pollMs,
      );
    }
  }

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      const generation = ++starts;
      round = round.then(() => tick(generation));
    },
    async stop() {
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await round;
    },
  };
}
