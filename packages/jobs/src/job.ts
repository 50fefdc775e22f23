import type { BackoffPolicy } from './backoff';

/** `queued` → `running` → `done`, or back to `queued` (retry), or `dead` (out of attempts). */
export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

/** A job's input: a JSON object, stored as text. */
export type JobPayload = Readonly<Record<string, unknown>>;

/** A job to enqueue. */
export interface NewJob {
  /** The queue (handler) name, 1–64 characters. */
  readonly queue: string;
  /** JSON-serialisable input for the handler; `{}` when omitted. */
  readonly payload?: JobPayload;
  /** Earliest run time (epoch ms); default: now, plus `delayMs` when given. */
  readonly runAt?: number;
  /** Delay from now, in ms (ignored when `runAt` is given). */
  readonly delayMs?: number;
  /** Attempts before the job is dead-lettered; default 5. */
  readonly maxAttempts?: number;
  /** At most one queued or running job per key; enqueueing a duplicate returns null. */
  readonly dedupeKey?: string;
  /** Retry delays; default `DEFAULT_BACKOFF` (1 s doubling up to 1 h, full jitter). */
  readonly backoff?: Partial<BackoffPolicy>;
}

/** A stored job. */
export interface Job {
  readonly id: string;
  readonly queue: string;
  readonly payload: JobPayload;
  readonly status: JobStatus;
  /** Claims so far (incremented at each claim, so the running attempt is `attempts`). */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly runAt: number;
  /** The worker that holds (or last held) the job. */
  readonly lockedBy: string | null;
  /** When the running attempt's lease ends; another worker may then claim the job again. */
  readonly lockedUntil: number | null;
  readonly lastError: string | null;
  readonly dedupeKey: string | null;
  readonly backoff: BackoffPolicy;
  /** Set on periodic jobs: the next instance runs this long after this one finishes. */
  readonly repeatEveryMs: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Jobs of one queue by status. */
export type JobCounts = Readonly<Record<JobStatus, number>>;

/** The columns every job query returns, in `JobRow` shape. */
export const JOB_COLUMNS =
  'id, queue, payload, status, attempts, max_attempts, run_at, locked_by, locked_until, last_error, ' +
  'dedupe_key, backoff_base_ms, backoff_max_ms, repeat_every_ms, created_at, updated_at';

/** A `jobs` row as the drivers return it (BIGINT may arrive as string or bigint, depending on the driver). */
export interface JobRow {
  id: string;
  queue: string;
  payload: string;
  status: JobStatus;
  attempts: number | string;
  max_attempts: number | string;
  run_at: number | string | bigint;
  locked_by: string | null;
  locked_until: number | string | bigint | null;
  last_error: string | null;
  dedupe_key: string | null;
  backoff_base_ms: number | string | bigint;
  backoff_max_ms: number | string | bigint;
  repeat_every_ms: number | string | bigint | null;
  created_at: number | string | bigint;
  updated_at: number | string | bigint;
}

const num = (v: number | string | bigint): number => Number(v);
const numOrNull = (v: number | string | bigint | null): number | null => (v === null ? null : Number(v));

/** Maps a row to a `Job`, parsing its payload. */
export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    queue: row.queue,
    payload: JSON.parse(row.payload) as JobPayload,
    status: row.status,
    attempts: num(row.attempts),
    maxAttempts: num(row.max_attempts),
    runAt: num(row.run_at),
    lockedBy: row.locked_by,
    lockedUntil: numOrNull(row.locked_until),
    lastError: row.last_error,
    dedupeKey: row.dedupe_key,
    backoff: { baseMs: num(row.backoff_base_ms), maxMs: num(row.backoff_max_ms) },
    repeatEveryMs: numOrNull(row.repeat_every_ms),
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  };
}

/** Orders jobs by (run_at, id), the claim order (RETURNING does not promise an order). */
export function byRunAtThenId(a: Job, b: Job): number {
  return a.runAt - b.runAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
