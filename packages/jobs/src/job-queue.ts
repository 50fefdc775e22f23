import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF, isValidBackoff } from './backoff';
import {
  byRunAtThenId,
  type Job,
  type JobCounts,
  type JobPayload,
  type JobRow,
  type NewJob,
  toJob,
} from './job';
import { check, errorText } from './job-errors';
import type { JobSql, JobSqlExecutor } from './job-sql';
import { jobStatements } from './job-statements';

/** The only source of time for the queue (epoch ms); tests pass a clock they move by hand. */
export interface JobClock {
  now(): number;
}

/** Uniform numbers in [0, 1) for backoff jitter; tests pass a fixed or seeded source. */
export interface JobRandom {
  next(): number;
}

/** What `createJobQueue` needs. */
export interface JobQueueOptions {
  readonly sql: JobSql;
  readonly clock: JobClock;
  readonly newId: () => string;
  /** Default: `Math.random`. */
  readonly random?: JobRandom;
  /** Stale running jobs recovered per claim call; default 500. */
  readonly recoverBatch?: number;
}

/** Options of a periodic job (see `JobQueue.schedulePeriodic`). */
export interface PeriodicOptions {
  readonly payload?: JobPayload;
  /** Delay before the first run; default 0 (due at once). */
  readonly delayMs?: number;
  readonly maxAttempts?: number;
  readonly backoff?: Partial<BackoffPolicy>;
}

/** A durable job queue in SQL: at-least-once delivery, leases, retries with backoff, a dead letter. */
export interface JobQueue {
  /**
   * Adds a job. Pass `tx` (an executor of the caller's open transaction) to commit the job atomically with
   * the caller's writes. Resolves with the new id, or null when a job with the same `dedupeKey` is still
   * pending.
   */
  enqueue(job: NewJob, tx?: JobSqlExecutor): Promise<string | null>;
  /**
   * Keeps one pending instance of periodic job `name` (dedupe key `periodic:<name>`) in `queue`: each
   * instance is re-enqueued `everyMs` after it completes or is dead-lettered. Resolves with the id, or null
   * when an instance already exists (its interval is then updated to `everyMs`).
   */
  schedulePeriodic(
    queue: string,
    name: string,
    everyMs: number,
    options?: PeriodicOptions,
  ): Promise<string | null>;
  /**
   * Recovers `queue`'s running jobs whose lease ran out (requeued, or dead when out of attempts), then leases
   * up to `limit` due jobs to `workerId` for `leaseMs`, ordered by (run_at, id). Each claim counts an
   * attempt.
   */
  claim(queue: string, workerId: string, limit: number, leaseMs: number): Promise<Job[]>;
  /** Marks a job done if `workerId` still holds it; false when the lease was lost. */
  complete(id: string, workerId: string): Promise<boolean>;
  /**
   * Records a failed attempt if `workerId` still holds the job: requeued after a full-jitter backoff, or dead
   * once `attempts` reaches `maxAttempts`. Resolves with the updated job, or undefined when the lease was
   * lost.
   */
  fail(id: string, workerId: string, error: unknown): Promise<Job | undefined>;
  /** Dead jobs of `queue`, most recently dead first. */
  listDead(queue: string, limit: number): Promise<Job[]>;
  /** Requeues a dead job with fresh attempts; false if it is not dead or its dedupe key is pending again. */
  retryDead(id: string): Promise<boolean>;
  /** Jobs of `queue` by status. */
  counts(queue: string): Promise<JobCounts>;
  get(id: string): Promise<Job | undefined>;
  /** Deletes up to `limit` jobs that finished before `before` (epoch ms); resolves with how many. */
  purgeDone(before: number, limit: number): Promise<number>;
}

/** Attempts before a job is dead-lettered, unless the job says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 5;

interface JobSpec {
  readonly queue: string;
  readonly payload: string;
  readonly maxAttempts: number;
  readonly runAt: number;
  readonly dedupeKey: string | null;
  readonly backoff: BackoffPolicy;
  readonly repeatEveryMs: number | null;
}

const isCount = (n: number, min: number) => Number.isSafeInteger(n) && n >= min;

function toSpec(job: NewJob, now: number, repeatEveryMs: number | null): JobSpec {
  check(
    typeof job.queue === 'string' && job.queue.length >= 1 && job.queue.length <= 64,
    'queue: 1–64 chars',
  );
  const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  check(isCount(maxAttempts, 1), 'maxAttempts must be a positive integer');
  const backoff = {
    baseMs: job.backoff?.baseMs ?? DEFAULT_BACKOFF.baseMs,
    maxMs: job.backoff?.maxMs ?? DEFAULT_BACKOFF.maxMs,
  };
  check(isValidBackoff(backoff), 'backoff must be whole milliseconds with 0 <= baseMs <= maxMs');
  const runAt = job.runAt ?? now + (job.delayMs ?? 0);
  check(Number.isSafeInteger(runAt), 'runAt and delayMs must be whole milliseconds');
  check(job.dedupeKey === undefined || job.dedupeKey.length > 0, 'dedupeKey must not be empty');
  const payload = job.payload ?? {};
  check(
    typeof payload === 'object' && payload !== null && !Array.isArray(payload),
    'payload must be an object',
  );
  const dedupeKey = job.dedupeKey ?? null;
  return {
    queue: job.queue,
    payload: JSON.stringify(payload),
    maxAttempts,
    runAt,
    dedupeKey,
    backoff,
    repeatEveryMs,
  };
}

/** Creates a job queue over `sql`. Every time it stores comes from `clock`. */
export function createJobQueue(options: JobQueueOptions): JobQueue {
  const { sql, clock, newId } = options;
  const random = options.random ?? { next: () => Math.random() };
  const recoverBatch = options.recoverBatch ?? 500;
  const st = jobStatements(sql.dialect);

  async function insert(tx: JobSqlExecutor, spec: JobSpec, now: number): Promise<string | null> {
    const id = newId();
    const { baseMs, maxMs } = spec.backoff;
    const params = [
      id,
      spec.queue,
      spec.payload,
      spec.maxAttempts,
      spec.runAt,
      spec.dedupeKey,
      baseMs,
      maxMs,
    ];
    const changed = await tx.run(st.insert, [...params, spec.repeatEveryMs, now, now]);
    return changed === 1 ? id : null;
  }

  /** Enqueues the next instance of a periodic job that just finished (completed or dead). */
  async function scheduleNext(tx: JobSqlExecutor, row: JobRow, now: number): Promise<void> {
    if (row.repeat_every_ms === null || row.dedupe_key === null) return;
    const every = Number(row.repeat_every_ms);
    const backoff = { baseMs: Number(row.backoff_base_ms), maxMs: Number(row.backoff_max_ms) };
    const maxAttempts = Number(row.max_attempts);
    const spec = { queue: row.queue, payload: row.payload, maxAttempts, dedupeKey: row.dedupe_key, backoff };
    await insert(tx, { ...spec, runAt: now + every, repeatEveryMs: every }, now);
  }

  async function fail(id: string, workerId: string, error: unknown): Promise<Job | undefined> {
    const message = errorText(error);
    const row = await sql.transaction(async (tx) => {
      const now = clock.now();
      const held = (await tx.all<JobRow>(st.selectHeld, [id, workerId]))[0];
      if (held === undefined) return undefined;
      const attempts = Number(held.attempts);
      const dead = attempts >= Number(held.max_attempts);
      const policy = { baseMs: Number(held.backoff_base_ms), maxMs: Number(held.backoff_max_ms) };
      const runAt = dead ? Number(held.run_at) : now + backoffDelay(attempts, random.next(), policy);
      const params = [dead ? 'dead' : 'queued', runAt, dead ? workerId : null, message, now, id, workerId];
      const updated = (await tx.all<JobRow>(st.fail, params))[0];
      if (dead && updated !== undefined) await scheduleNext(tx, updated, now);
      return updated;
    });
    return row === undefined ? undefined : toJob(row);
  }

  async function claim(queue: string, workerId: string, limit: number, leaseMs: number): Promise<Job[]> {
    check(workerId.length > 0, 'workerId must not be empty');
    check(isCount(limit, 0), 'limit must be a non-negative integer');
    check(isCount(leaseMs, 1), 'leaseMs must be a positive integer');
    if (limit === 0) return [];
    const rows = await sql.transaction(async (tx) => {
      const now = clock.now();
      const recovered = await tx.all<JobRow>(st.recoverStale, [now, now, now, queue, recoverBatch]);
      for (const row of recovered) if (row.status === 'dead') await scheduleNext(tx, row, now);
      return tx.all<JobRow>(st.claim, [workerId, now + leaseMs, now, queue, now, limit]);
    });
    // Parsed after the commit: a payload that fails to parse cannot roll the claim back forever; its lease
    // runs out and it is retried, then dead-lettered.
    return rows.map(toJob).sort(byRunAtThenId);
  }

  return {
    async enqueue(job, tx) {
      const now = clock.now();
      const spec = toSpec(job, now, null);
      check(tx === undefined || tx.dialect === sql.dialect, 'tx must belong to the same database');
      return tx === undefined ? sql.transaction((t) => insert(t, spec, now)) : insert(tx, spec, now);
    },
    async schedulePeriodic(queue, name, everyMs, periodic = {}) {
      check(name.length > 0, 'periodic job name must not be empty');
      check(isCount(everyMs, 1), 'everyMs must be a positive integer');
      const now = clock.now();
      const dedupeKey = `periodic:${name}`;
      const spec = toSpec({ ...periodic, queue, dedupeKey }, now, everyMs);
      return sql.transaction(async (tx) => {
        const id = await insert(tx, spec, now);
        if (id === null) await tx.run(st.updateRepeat, [everyMs, now, dedupeKey]);
        return id;
      });
    },
    claim,
    complete: (id, workerId) =>
      sql.transaction(async (tx) => {
        const now = clock.now();
        const row = (await tx.all<JobRow>(st.complete, [now, id, workerId]))[0];
        if (row === undefined) return false;
        await scheduleNext(tx, row, now);
        return true;
      }),
    fail,
    async listDead(queue, limit) {
      check(isCount(limit, 1), 'limit must be a positive integer');
      return (await sql.all<JobRow>(st.listDead, [queue, limit])).map(toJob);
    },
    retryDead: (id) =>
      sql.transaction(async (tx) => {
        const now = clock.now();
        return (await tx.run(st.retryDead, [now, now, id])) === 1;
      }),
    async counts(queue) {
      const rows = await sql.all<{ status: Job['status']; n: number | string }>(st.counts, [queue]);
      const counts = { queued: 0, running: 0, done: 0, dead: 0 };
      for (const r of rows) counts[r.status] = Number(r.n);
      return counts;
    },
    async get(id) {
      const row = (await sql.all<JobRow>(st.get, [id]))[0];
      return row === undefined ? undefined : toJob(row);
    },
    async purgeDone(before, limit) {
      check(isCount(limit, 1), 'limit must be a positive integer');
      return sql.transaction((tx) => tx.run(st.purgeDone, [before, limit]));
    },
  };
}
