import type { HistoryEntry } from './history';

/** One element found in the database after the run (e.g. an annotation row as `task#token`). */
export interface StoredElement {
  readonly value: string;
  /** The stored row's id, compared with what the acknowledgement returned. */
  readonly id?: string;
}

/** What the checker counts; `valid` only when every list is empty. */
export interface HistoryReport {
  /** Logical operations (distinct keys) and how they ended. */
  readonly operations: number;
  readonly acknowledged: number;
  /** Only `info` outcomes, found stored (once): the unknown outcome was "applied". */
  readonly recovered: number;
  /** Only `info` outcomes, not stored: the unknown outcome was "not applied". */
  readonly indeterminate: number;
  /** Acknowledged but absent. */
  readonly lost: string[];
  /** Stored more than once. */
  readonly duplicated: string[];
  /** Stored but never invoked. */
  readonly unexpected: string[];
  /** Definitely failed (and never acknowledged) yet stored. */
  readonly failedButStored: string[];
  /** Acknowledged with a result that differs between attempts, or from the stored row's id. */
  readonly mismatched: string[];
  /** Broken histories: a completion without an invoke, two invokes in flight on one process, one key with two values. */
  readonly malformed: string[];
  readonly valid: boolean;
}

interface Operation {
  readonly key: string;
  readonly value: string;
  readonly results: Set<string>;
  acked: boolean;
  failed: boolean;
}

function collect(entries: readonly HistoryEntry[], malformed: string[]): Map<string, Operation> {
  const ops = new Map<string, Operation>();
  const open = new Map<number, HistoryEntry>();
  for (const e of entries) {
    let op = ops.get(e.key);
    if (op === undefined) {
      op = { key: e.key, value: e.value, results: new Set(), acked: false, failed: false };
      ops.set(e.key, op);
    } else if (op.value !== e.value) {
      malformed.push(`key ${e.key} used for ${op.value} and ${e.value}`);
    }
    const pending = open.get(e.process);
    if (e.type === 'invoke') {
      if (pending !== undefined)
        malformed.push(`process ${e.process} invoked ${e.key} with ${pending.key} open`);
      open.set(e.process, e);
      continue;
    }
    if (pending === undefined || pending.key !== e.key) {
      malformed.push(`process ${e.process} completed ${e.key} (${e.type}) without an invoke`);
    }
    open.delete(e.process);
    if (e.type === 'ok') {
      op.acked = true;
      if (e.result !== undefined) op.results.add(e.result);
    } else if (e.type === 'fail') {
      op.failed = true;
    }
  }
  // Attempts never completed (the run ended) count as `info`: nothing to record.
  return ops;
}

function countStored(stored: readonly StoredElement[]): Map<string, StoredElement[]> {
  const byValue = new Map<string, StoredElement[]>();
  for (const s of stored) {
    const list = byValue.get(s.value) ?? [];
    list.push(s);
    byValue.set(s.value, list);
  }
  return byValue;
}

/**
 * Checks a history against what the database holds (a set-like workload: every operation adds one
 * element). Lost = acknowledged but absent; duplicated = stored twice; unexpected = stored but never sent.
 * An operation whose attempts all ended `info` may be stored at most once.
 */
export function checkHistory(
  entries: readonly HistoryEntry[],
  stored: readonly StoredElement[],
): HistoryReport {
  const malformed: string[] = [];
  const ops = collect(entries, malformed);
  const byValue = countStored(stored);
  const invokedValues = new Set([...ops.values()].map((o) => o.value));
  const r = {
    lost: [] as string[],
    duplicated: [] as string[],
    unexpected: [] as string[],
    failedButStored: [] as string[],
    mismatched: [] as string[],
  };
  let acknowledged = 0;
  let recovered = 0;
  let indeterminate = 0;
  for (const op of ops.values()) {
    const found = byValue.get(op.value) ?? [];
    if (op.acked) acknowledged += 1;
    if (op.acked && found.length === 0) r.lost.push(op.value);
    if (!op.acked && op.failed && found.length > 0) r.failedButStored.push(op.value);
    if (!op.acked && !op.failed) {
      if (found.length > 0) recovered += 1;
      else indeterminate += 1;
    }
    const storedIds = new Set(found.flatMap((s) => (s.id === undefined ? [] : [s.id])));
    const differs = [...op.results].some((id) => storedIds.size > 0 && !storedIds.has(id));
    if (op.results.size > 1 || differs) r.mismatched.push(op.value);
  }
  for (const [value, list] of byValue) {
    if (list.length > 1) r.duplicated.push(value);
    if (!invokedValues.has(value)) r.unexpected.push(value);
  }
  const problems = [...Object.values(r), malformed];
  return {
    operations: ops.size,
    acknowledged,
    recovered,
    indeterminate,
    ...r,
    malformed,
    valid: problems.every((list) => list.length === 0),
  };
}

/** A one-line summary for test output and failure messages. */
export function summarize(report: HistoryReport): string {
  const n = (list: readonly string[]) =>
    `${list.length}${list.length ? ` (${list.slice(0, 3).join(', ')}…)` : ''}`;
  return [
    `${report.operations} ops, ${report.acknowledged} acknowledged, ${report.recovered} recovered, ${report.indeterminate} indeterminate`,
    `lost ${n(report.lost)}, duplicated ${n(report.duplicated)}, unexpected ${n(report.unexpected)}`,
    `failed-but-stored ${n(report.failedButStored)}, mismatched ${n(report.mismatched)}, malformed ${n(report.malformed)}`,
  ].join('; ');
}
