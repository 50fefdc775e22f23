import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';

/**
 * Jepsen-style operation history. Each attempt of an operation is an `invoke` followed by one completion:
 * `ok` (acknowledged), `fail` (definitely not applied) or `info` (outcome unknown: a timeout, a dropped
 * connection, a crashed server). Retries of one logical operation reuse its `key` (the Idempotency-Key) and
 * `value` (the element it adds, e.g. `task#token`).
 */
export type HistoryType = 'invoke' | 'ok' | 'fail' | 'info';

export interface HistoryEntry {
  readonly index: number;
  readonly type: HistoryType;
  /** The client (a single-threaded logical process) that ran the attempt. */
  readonly process: number;
  /** Operation name, e.g. `submit`. */
  readonly f: string;
  readonly key: string;
  readonly value: string;
  /** What an `ok` returned (e.g. the annotation id). */
  readonly result?: string;
  /** Why a `fail` or `info` ended so. */
  readonly error?: string;
  /** Milliseconds since the history started. */
  readonly time: number;
}

/** One attempt in flight: complete it exactly once. */
export interface Attempt {
  ok(result?: string): void;
  fail(error: string): void;
  info(error: string): void;
}

export interface History {
  invoke(process: number, f: string, key: string, value: string): Attempt;
  entries(): readonly HistoryEntry[];
  /** Flushes and closes the JSONL file (if any). */
  close(): Promise<void>;
}

/** Records a history in memory and, when `path` is given, as JSONL (one entry per line). */
export function createHistory(path?: string, now: () => number = () => performance.now()): History {
  const start = now();
  const list: HistoryEntry[] = [];
  const out: WriteStream | null = path === undefined ? null : createWriteStream(path, { flags: 'w' });
  const push = (entry: Omit<HistoryEntry, 'index' | 'time'>) => {
    const full: HistoryEntry = { index: list.length, ...entry, time: Math.round(now() - start) };
    list.push(full);
    out?.write(`${JSON.stringify(full)}\n`);
  };
  return {
    invoke(process, f, key, value) {
      push({ type: 'invoke', process, f, key, value });
      let done = false;
      const complete = (type: HistoryType, extra: { result?: string; error?: string }) => {
        if (done) throw new Error(`attempt of ${key} completed twice`);
        done = true;
        push({ type, process, f, key, value, ...extra });
      };
      return {
        ok: (result) => complete('ok', result === undefined ? {} : { result }),
        fail: (error) => complete('fail', { error }),
        info: (error) => complete('info', { error }),
      };
    },
    entries: () => list,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (out === null) return resolve();
        out.end((error?: Error | null) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Reads a JSONL history back (for checking a saved run). */
export function readHistory(path: string): HistoryEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as HistoryEntry);
}
