import { classifyLeaseFailure } from './lease-failure';
import { expiresAtMs, heartbeatDelayMs, heartbeatRetryDelayMs, isExpired } from './lease-timing';

/** A lease as the keeper sees it: which task, which fencing token, until when. */
export interface LeaseRef {
  readonly task_id: string;
  readonly token: number;
  readonly expires_at: string;
}

export interface LeaseKeeperOptions {
  /** `client.heartbeat`: extends the lease and answers the new expiry. */
  heartbeat(ref: {
    readonly task_id: string;
    readonly token: number;
  }): Promise<{ readonly expires_at: string }>;
  /** The lease now lasts until `ref.expires_at`. */
  onExtended(ref: LeaseRef): void;
  /**
   * The lease is gone: the server said so (`stale`: 409 stale_lease or 404), or its expiry passed while no
   * heartbeat got through (`timeout`). The keeper stops tracking it.
   */
  onExpired(ref: LeaseRef, why: 'stale' | 'timeout'): void;
  /** A heartbeat failed but the lease may still be live (network, 5xx); the keeper retries. */
  onProblem?(ref: LeaseRef, error: unknown): void;
  readonly now?: () => number;
}

export interface LeaseKeeper {
  /**
   * Keeps exactly these leases alive: starts heartbeating new ones, forgets the others. With `verifyNew`,
   * new leases are heartbeaten at once (leases restored after a reload may have ended meanwhile).
   */
  track(leases: readonly LeaseRef[], options?: { readonly verifyNew?: boolean }): void;
  /** The leases being kept, with their latest expiry. */
  tracked(): readonly LeaseRef[];
  stop(): void;
}

interface Entry {
  ref: LeaseRef;
  timer: ReturnType<typeof setTimeout> | null;
}

const keyOf = (ref: { readonly task_id: string; readonly token: number }): string =>
  `${ref.task_id}#${ref.token}`;

/**
 * Heartbeats every held lease (the task on screen, the prefetched ones, and those whose submit is still
 * unsent) at half its remaining time, retries failed heartbeats until the lease would have expired, and
 * reports leases that ended.
 */
export function createLeaseKeeper(options: LeaseKeeperOptions): LeaseKeeper {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let stopped = false;

  const schedule = (entry: Entry, delayMs: number): void => {
    if (entry.timer !== null) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void beat(entry), delayMs);
  };
  const live = (entry: Entry): boolean => entries.get(keyOf(entry.ref)) === entry;
  const expire = (entry: Entry, why: 'stale' | 'timeout'): void => {
    if (!live(entry)) return;
    if (entry.timer !== null) clearTimeout(entry.timer);
    entries.delete(keyOf(entry.ref));
    options.onExpired(entry.ref, why);
  };

  async function beat(entry: Entry): Promise<void> {
    entry.timer = null;
    if (!live(entry)) return;
    if (isExpired(expiresAtMs(entry.ref.expires_at), now())) {
      expire(entry, 'timeout');
      return;
    }
    try {
      const { expires_at } = await options.heartbeat(entry.ref);
      if (!live(entry)) return;
      entry.ref = { ...entry.ref, expires_at };
      options.onExtended(entry.ref);
      schedule(entry, heartbeatDelayMs(expiresAtMs(expires_at), now()));
    } catch (error) {
      if (!live(entry)) return;
      if (classifyLeaseFailure(error) === 'stale') {
        expire(entry, 'stale');
        return;
      }
      options.onProblem?.(entry.ref, error);
      schedule(entry, heartbeatRetryDelayMs(expiresAtMs(entry.ref.expires_at), now()));
    }
  }

  return {
    track(leases, trackOptions = {}) {
      if (stopped) return;
      const wanted = new Map(leases.map((l) => [keyOf(l), l]));
      for (const [key, entry] of entries) {
        if (wanted.has(key)) continue;
        if (entry.timer !== null) clearTimeout(entry.timer);
        entries.delete(key);
      }
      for (const [key, ref] of wanted) {
        if (entries.has(key)) continue;
        const entry: Entry = { ref, timer: null };
        entries.set(key, entry);
        const delay = trackOptions.verifyNew ? 0 : heartbeatDelayMs(expiresAtMs(ref.expires_at), now());
        schedule(entry, delay);
      }
    },
    tracked: () => [...entries.values()].map((e) => e.ref),
    stop() {
      stopped = true;
      for (const entry of entries.values()) if (entry.timer !== null) clearTimeout(entry.timer);
      entries.clear();
    },
  };
}
