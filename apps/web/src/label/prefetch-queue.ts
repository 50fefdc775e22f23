import type { LeaseDto } from '@tessera/schema';

/** How many leases the label page holds by default: the task on screen and two ready behind it. */
export const DEFAULT_PREFETCH = 3;
/** After the server had fewer tasks than asked, ask again no sooner than this (unless forced). */
export const IDLE_RETRY_MS = 10_000;

export interface PrefetchQueueOptions {
  /** Leases to hold (k), the one on screen included. */
  readonly size?: number;
  /** `client.leaseTasks({ project, count })`, answering its leases. */
  lease(count: number): Promise<readonly LeaseDto[]>;
  /** Leases held from before (restored after a reload), in order. */
  readonly initial?: readonly LeaseDto[];
  /** Every change of the held leases (persist them, re-render). */
  onChange?(leases: readonly LeaseDto[]): void;
  /** A lease just joined the queue (preload its image and ontology). */
  onAdded?(lease: LeaseDto): void;
  readonly now?: () => number;
  readonly idleRetryMs?: number;
}

export interface PrefetchQueue {
  /** The leases held, in order: the first is the task on screen. */
  leases(): readonly LeaseDto[];
  /** True while a lease request is in flight. */
  refilling(): boolean;
  /** True when nothing is held, nothing is in flight, and the server's last answer had no more work. */
  empty(): boolean;
  /**
   * Tops the queue up to its size with one lease request (a call while one is in flight joins it). After an
   * answer with fewer tasks than asked, further calls wait `idleRetryMs` unless `force`. Rejects with the
   * request's error.
   */
  refill(force?: boolean): Promise<void>;
  /** Removes a lease (submitted, skipped, expired); answers it, or undefined when it was not held. */
  remove(taskId: string, token: number): LeaseDto | undefined;
  /** Puts a lease back right behind the task on screen (its submit was refused: the annotator fixes it next). */
  insertNext(lease: LeaseDto): void;
  /** Records a new expiry after a heartbeat. */
  extend(taskId: string, token: number, expiresAt: string): void;
}

const same = (l: LeaseDto, taskId: string, token: number): boolean =>
  l.task.task_id === taskId && l.token === token;

/**
 * The annotator's local queue of leases: holds up to k leases so the next task is already leased, its image
 * decoded and its ontology fetched when the current one is submitted. Refilling happens in the background;
 * the server never leases a task this annotator already holds, so asking for `k − held` never duplicates.
 */
export function createPrefetchQueue(options: PrefetchQueueOptions): PrefetchQueue {
  const size = Math.max(1, Math.min(100, Math.floor(options.size ?? DEFAULT_PREFETCH)));
  const now = options.now ?? Date.now;
  const idleRetryMs = options.idleRetryMs ?? IDLE_RETRY_MS;
  let held: readonly LeaseDto[] = options.initial ?? [];
  let inFlight: Promise<void> | null = null;
  let exhaustedAt: number | null = null;

  const set = (next: readonly LeaseDto[]): void => {
    held = next;
    options.onChange?.(held);
  };

  async function request(): Promise<void> {
    const count = size - held.length;
    const answered = await options.lease(count);
    const fresh = answered.filter((l) => !held.some((h) => h.task.task_id === l.task.task_id));
    exhaustedAt = answered.length < count ? now() : null;
    if (fresh.length > 0) {
      set([...held, ...fresh]);
      for (const lease of fresh) options.onAdded?.(lease);
    }
  }

  function refill(force = false): Promise<void> {
    if (inFlight !== null) return inFlight;
    if (held.length >= size) return Promise.resolve();
    if (!force && exhaustedAt !== null && now() - exhaustedAt < idleRetryMs) return Promise.resolve();
    inFlight = request().finally(() => {
      inFlight = null;
    });
    // Leases removed while the request was out are topped up by the next call (after each submit).
    return inFlight;
  }

  return {
    leases: () => held,
    refilling: () => inFlight !== null,
    empty: () => held.length === 0 && inFlight === null && exhaustedAt !== null,
    refill,
    remove(taskId, token) {
      const found = held.find((l) => same(l, taskId, token));
      if (found !== undefined) set(held.filter((l) => l !== found));
      return found;
    },
    insertNext(lease) {
      const rest = held.filter((l) => l.task.task_id !== lease.task.task_id);
      set(rest.length === 0 ? [lease] : [rest[0] as LeaseDto, lease, ...rest.slice(1)]);
    },
    extend(taskId, token, expiresAt) {
      if (!held.some((l) => same(l, taskId, token))) return;
      set(held.map((l) => (same(l, taskId, token) ? { ...l, expires_at: expiresAt } : l)));
    },
  };
}
