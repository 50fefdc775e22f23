import {
  type AnnotationPayload,
  annotationPayloadValidator,
  createValidator,
  LeaseDto,
} from '@tessera/schema';
import { type KeyValueStorage, readJson, writeJson } from './key-value-storage';
import { classifyLeaseFailure } from './lease-failure';

/** One submit waiting for the server's answer; kept in storage until it is answered. */
export interface Submission {
  readonly lease: LeaseDto;
  readonly payload: AnnotationPayload;
  readonly duration_ms: number;
  readonly queued_at: number;
  /** Failed attempts so far (network, 5xx). */
  readonly attempts: number;
  /** Why the last attempt failed, for the "unsent" banner; null before the first failure. */
  readonly last_error: string | null;
}

export interface OutboxOptions {
  readonly storage: KeyValueStorage;
  /** Storage key of this annotator's outbox (per org and user). */
  readonly storageKey: string;
  /** `client.submitAnnotation`; resolves when the server accepted (or replayed) the submit. */
  send(s: Submission): Promise<void>;
  onSent(s: Submission): void;
  /** The lease ended before the submit got through: the work must be kept elsewhere. */
  onStale(s: Submission, error: unknown): void;
  /** The server refused the payload (400 …): the annotator must fix it under the same lease. */
  onRefused(s: Submission, error: unknown): void;
  /** The unsent submissions changed (banner). */
  onChange?(pending: readonly Submission[]): void;
  describe(error: unknown): string;
  /** Wait before retry `attempt` (1-based). Default: 1 s doubling up to 30 s. */
  backoffMs?(attempt: number): number;
  readonly now?: () => number;
}

export interface SubmitOutbox {
  /** Queues a submit (persisted first) and starts sending. */
  enqueue(s: Omit<Submission, 'attempts' | 'last_error' | 'queued_at'>): void;
  pending(): readonly Submission[];
  /** Sends now instead of waiting for the backoff (the browser came back online, the annotator asked). */
  retryNow(): void;
  /** True when writing the outbox to storage failed: a reload would lose the unsent submits. */
  readonly persistFailed: boolean;
  stop(): void;
}

const leaseValidator = createValidator(LeaseDto);

function parse(value: unknown): Submission[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is Submission => {
    if (v === null || typeof v !== 'object') return false;
    const s = v as Record<string, unknown>;
    return (
      leaseValidator.check(s.lease) &&
      annotationPayloadValidator.check(s.payload) &&
      typeof s.duration_ms === 'number' &&
      typeof s.queued_at === 'number' &&
      typeof s.attempts === 'number'
    );
  });
}

const defaultBackoff = (attempt: number): number => Math.min(30_000, 1000 * 2 ** (attempt - 1));
const same = (a: Submission, b: Submission): boolean =>
  a.lease.task.task_id === b.lease.task.task_id && a.lease.token === b.lease.token;

/**
 * Submits in order, one at a time, persisted in storage until answered, so neither a flaky network nor a
 * reload loses one. Network failures and 5xx are retried with backoff (the server answers a repeated submit of
 * the same lease token with the first result); a stale lease or a refusal is handed back to the page.
 */
export function createSubmitOutbox(options: OutboxOptions): SubmitOutbox {
  const now = options.now ?? Date.now;
  const backoff = options.backoffMs ?? defaultBackoff;
  let queue: Submission[] = parse(readJson(options.storage, options.storageKey));
  let sending = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let persistFailed = false;

  const commit = (next: Submission[]): void => {
    queue = next;
    if (next.length > 0) persistFailed = !writeJson(options.storage, options.storageKey, next);
    else {
      options.storage.removeItem(options.storageKey);
      persistFailed = false;
    }
    options.onChange?.(queue);
  };
  const drop = (s: Submission): void => commit(queue.filter((q) => !same(q, s)));

  async function pump(): Promise<void> {
    if (sending || stopped) return;
    sending = true;
    try {
      while (!stopped && queue[0] !== undefined) {
        const head = queue[0];
        try {
          await options.send(head);
          drop(head);
          options.onSent(head);
        } catch (error) {
          const kind = classifyLeaseFailure(error);
          if (kind === 'retry') {
            const failed = { ...head, attempts: head.attempts + 1, last_error: options.describe(error) };
            commit(queue.map((q) => (same(q, head) ? failed : q)));
            timer = setTimeout(() => {
              timer = null;
              void pump();
            }, backoff(failed.attempts));
            return;
          }
          drop(head);
          if (kind === 'stale') options.onStale(head, error);
          else options.onRefused(head, error);
        }
      }
    } finally {
      sending = false;
    }
  }

  function retryNow(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    void pump();
  }

  if (queue.length > 0) void pump();

  return {
    enqueue(s) {
      const entry: Submission = { ...s, attempts: 0, last_error: null, queued_at: now() };
      commit([...queue.filter((q) => !same(q, entry)), entry]);
      retryNow();
    },
    pending: () => queue,
    retryNow,
    get persistFailed() {
      return persistFailed;
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
