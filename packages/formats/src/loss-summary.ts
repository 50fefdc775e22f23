import type { IssueLog } from './issue';

/** Counts what an export loses, one warning per kind (with how many objects), instead of one per object. */
export interface LossSummary {
  add(code: string, message: string, objectId?: string): void;
  flush(log: IssueLog): void;
}

export function createLossSummary(): LossSummary {
  const seen = new Map<string, { code: string; message: string; count: number; first?: string }>();
  return {
    add(code, message, objectId) {
      const key = `${code}\u0000${message}`;
      const entry = seen.get(key);
      if (entry === undefined)
        seen.set(key, { code, message, count: 1, ...(objectId === undefined ? {} : { first: objectId }) });
      else entry.count++;
    },
    flush(log) {
      for (const { code, message, count, first } of seen.values())
        log.warn(
          code,
          `${message} (${count} object${count === 1 ? '' : 's'}${first === undefined ? '' : `, first ${first}`})`,
        );
      seen.clear();
    },
  };
}
