import type { HistoryEntry } from './history';

/** `info` outcomes by cause (first words of the error), for the test log: shows which faults were hit. */
export function infoKinds(entries: readonly HistoryEntry[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) {
    if (e.type !== 'info') continue;
    const kind =
      (e.error ?? '')
        .replace(/https?:\/\/\S+/g, '')
        .split(':')[0]
        ?.trim()
        .slice(0, 60) ?? '';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}× ${k}`);
  return `info attempts: ${parts.length > 0 ? parts.join(', ') : 'none'}`;
}
