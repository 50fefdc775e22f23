import { type AnnotationPayload, annotationPayloadValidator } from '@tessera/schema';
import { type KeyValueStorage, keysWithPrefix, readJson, writeJson } from './key-value-storage';

/** Who is labeling which task under which lease: a draft belongs to exactly one lease. */
export interface DraftKey {
  readonly org: string;
  readonly user: string;
  readonly task: string;
  readonly token: number;
}

/** Unsent work on one task, saved locally so a reload (or an expired lease) loses nothing. */
export interface Draft {
  readonly key: DraftKey;
  readonly project: string;
  readonly payload: AnnotationPayload;
  /** Time spent on the task so far (the task timer), so a reload does not reset it. */
  readonly elapsed_ms: number;
  readonly saved_at: number;
  /**
   * Set when the lease ended before the work reached the server (expired, refused, skipped): the work is kept
   * for the annotator to copy, and says why. Null while the lease is live.
   */
  readonly kept_reason: string | null;
}

export type DraftInput = Pick<Draft, 'key' | 'project' | 'payload' | 'elapsed_ms'>;

export interface DraftStore {
  /** Saves (replaces) the draft of a lease; false when the storage refused it (full, blocked). */
  save(input: DraftInput): boolean;
  load(key: DraftKey): Draft | null;
  /** The newest draft of this task under any lease (work kept from an earlier, expired lease). */
  latestForTask(org: string, user: string, task: string): Draft | null;
  /** Marks a draft as kept work, with the reason shown to the annotator. */
  keep(key: DraftKey, reason: string): void;
  /** Kept work of this annotator (optionally of one project), newest first. */
  kept(org: string, user: string, project?: string): Draft[];
  remove(key: DraftKey): void;
  /** Removes every draft of a task (after it was submitted under some lease). */
  removeTask(org: string, user: string, task: string): void;
  /** Removes drafts saved more than `maxAgeMs` ago; returns how many. */
  prune(maxAgeMs: number): number;
}

const PREFIX = 'tessera.draft.v1|';
const part = (s: string | number): string => encodeURIComponent(String(s));
const userPrefix = (org: string, user: string): string => `${PREFIX}${part(org)}|${part(user)}|`;
const taskPrefix = (org: string, user: string, task: string): string =>
  `${userPrefix(org, user)}${part(task)}|`;

/** The storage key of a draft: every part URI-encoded, so `|` separates parts unambiguously. */
export function draftStorageKey(key: DraftKey): string {
  return `${taskPrefix(key.org, key.user, key.task)}${part(key.token)}`;
}

function parseKey(storageKey: string): DraftKey | null {
  if (!storageKey.startsWith(PREFIX)) return null;
  const parts = storageKey.slice(PREFIX.length).split('|');
  if (parts.length !== 4) return null;
  try {
    const [org, user, task, token] = parts.map(decodeURIComponent) as [string, string, string, string];
    const n = Number(token);
    return Number.isInteger(n) && n > 0 ? { org, user, task, token: n } : null;
  } catch {
    return null;
  }
}

type Stored = Omit<Draft, 'key'>;

function parseStored(value: unknown): Stored | null {
  if (value === null || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.project !== 'string' || typeof v.saved_at !== 'number') return null;
  if (!annotationPayloadValidator.check(v.payload)) return null;
  const elapsed = typeof v.elapsed_ms === 'number' && v.elapsed_ms >= 0 ? v.elapsed_ms : 0;
  const kept = typeof v.kept_reason === 'string' ? v.kept_reason : null;
  return {
    project: v.project,
    payload: v.payload,
    elapsed_ms: elapsed,
    saved_at: v.saved_at,
    kept_reason: kept,
  };
}

/**
 * Drafts in a key-value storage (the browser's localStorage), one entry per org + user + task + lease token.
 * Corrupt or foreign entries read as absent; nothing here throws.
 */
export function createDraftStore(storage: KeyValueStorage, now: () => number = Date.now): DraftStore {
  const read = (storageKey: string): Draft | null => {
    const key = parseKey(storageKey);
    const stored = key === null ? null : parseStored(readJson(storage, storageKey));
    return key === null || stored === null ? null : { key, ...stored };
  };
  const all = (prefix: string): Draft[] =>
    keysWithPrefix(storage, prefix).flatMap((k) => {
      const d = read(k);
      return d === null ? [] : [d];
    });
  const newestFirst = (a: Draft, b: Draft): number => b.saved_at - a.saved_at;

  return {
    save(input) {
      const previous = read(draftStorageKey(input.key));
      const stored: Stored = {
        project: input.project,
        payload: input.payload,
        elapsed_ms: input.elapsed_ms,
        saved_at: now(),
        kept_reason: previous?.kept_reason ?? null,
      };
      return writeJson(storage, draftStorageKey(input.key), stored);
    },
    load: (key) => read(draftStorageKey(key)),
    latestForTask: (org, user, task) => all(taskPrefix(org, user, task)).sort(newestFirst)[0] ?? null,
    keep(key, reason) {
      const draft = read(draftStorageKey(key));
      if (draft === null) return;
      const { key: _, ...rest } = draft;
      writeJson(storage, draftStorageKey(key), { ...rest, kept_reason: reason });
    },
    kept: (org, user, project) =>
      all(userPrefix(org, user))
        .filter((d) => d.kept_reason !== null && (project === undefined || d.project === project))
        .sort(newestFirst),
    remove(key) {
      storage.removeItem(draftStorageKey(key));
    },
    removeTask(org, user, task) {
      for (const k of keysWithPrefix(storage, taskPrefix(org, user, task))) storage.removeItem(k);
    },
    prune(maxAgeMs) {
      const cutoff = now() - maxAgeMs;
      let removed = 0;
      for (const k of keysWithPrefix(storage, PREFIX)) {
        const d = read(k);
        if (d === null || d.saved_at < cutoff) {
          storage.removeItem(k);
          removed += 1;
        }
      }
      return removed;
    },
  };
}
