import type { EventDto } from '@tessera/schema';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';

const PAGE = 200;
/** Pages read per poll at most (a burst larger than this shows up over the next polls). */
const MAX_PAGES = 5;

export interface RecentEvents {
  /** Newest first. */
  readonly events: readonly EventDto[];
  readonly error: unknown;
}

/**
 * The project's newest `keep` events, followed as they happen: the first read starts at `startAfter` (the
 * statistics' cursor, which leaves just the newest events), later polls read only what came after the last
 * event seen. Polls never overlap: the next one is scheduled when the previous one has finished.
 */
export function useRecentEvents(
  project: string,
  startAfter: number | undefined,
  keep = 50,
  pollMs = 5000,
): RecentEvents {
  const { client } = useApi();
  const [events, setEvents] = useState<readonly EventDto[]>([]);
  const [error, setError] = useState<unknown>(null);
  const start = useRef(startAfter);
  start.current = startAfter;
  const ready = startAfter !== undefined;

  useEffect(() => {
    if (!ready) return;
    let stopped = false;
    let timer = 0;
    let after = start.current ?? 0;
    setEvents([]);
    const poll = async () => {
      try {
        const fresh: EventDto[] = [];
        for (let page = 0; page < MAX_PAGES; page++) {
          const res = await client.listEvents({ project, after, limit: PAGE });
          fresh.push(...res.docs);
          after = res.next_after;
          if (res.docs.length < PAGE) break;
        }
        if (stopped) return;
        if (fresh.length > 0) setEvents((old) => [...fresh.reverse(), ...old].slice(0, keep));
        setError(null);
      } catch (failure) {
        if (!stopped) setError(failure);
      }
      if (!stopped) timer = window.setTimeout(() => void poll(), pollMs);
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [client, project, ready, keep, pollMs]);

  return { events, error };
}
