/** One run's figures as `bench/run.ts --figures` writes them: key → number. */
export type FigureRecord = Readonly<Record<string, number>>;

export interface AbRow {
  readonly key: string;
  /** The figure in each round, in the order the rounds ran (NaN where a round lacks it). */
  readonly base: readonly number[];
  readonly current: readonly number[];
  readonly baseMedian: number;
  readonly currentMedian: number;
  /** currentMedian ÷ baseMedian − 1 (0.08 = 8% higher); NaN when the base median is 0. */
  readonly change: number;
}

export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Every figure both sides reported, by key, with its per-round values and medians. */
export function abRows(base: readonly FigureRecord[], current: readonly FigureRecord[]): AbRow[] {
  const keys = new Set<string>();
  for (const run of [...base, ...current]) for (const key of Object.keys(run)) keys.add(key);
  const rows: AbRow[] = [];
  for (const key of [...keys].sort()) {
    const b = base.map((run) => run[key] ?? Number.NaN);
    const c = current.map((run) => run[key] ?? Number.NaN);
    const baseMedian = median(b);
    const currentMedian = median(c);
    if (Number.isNaN(baseMedian) || Number.isNaN(currentMedian)) continue;
    if (baseMedian === 0 && currentMedian === 0) continue; // e.g. PostgreSQL CPU of a SQLite run
    const change = baseMedian === 0 ? Number.NaN : currentMedian / baseMedian - 1;
    rows.push({ key, base: b, current: c, baseMedian, currentMedian, change });
  }
  return rows;
}

/** n choose k, exactly for the small counts of rounds. */
function choose(n: number, k: number): number {
  let out = 1;
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i;
  return out;
}

/**
 * How often the rounds of two sides with no real difference fall completely apart, one way or the other:
 * 2 ÷ C(n + m, n) (the exact permutation test). Two rounds each: 1 in 3; three: 1 in 10; four: 1 in 35.
 */
export function separationChance(n: number, m: number): number {
  return Math.min(1, 2 / choose(n + m, n));
}

function num(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  return abs >= 100 ? Math.round(v).toLocaleString('en-US') : abs >= 1 ? v.toFixed(2) : v.toFixed(3);
}

/**
 * The comparison as a Markdown table. A change is called out only when every round of one side lies beyond
 * every round of the other, over two rounds or more, with how often that happens by chance alone (on this
 * machine whole runs drift by ±35%, so medians alone mislead).
 */
export function abTable(rows: readonly AbRow[], baseLabel: string, currentLabel: string): string {
  const lines = [
    `| figure | ${baseLabel} (each round) | ${currentLabel} (each round) | median change | rounds apart |`,
    '|---|---|---|---:|---|',
  ];
  for (const r of rows) {
    const b = r.base.filter(Number.isFinite);
    const c = r.current.filter(Number.isFinite);
    const chance = `by chance 1 in ${Math.round(1 / separationChance(b.length, c.length))}`;
    const apart =
      Math.min(b.length, c.length) < 2
        ? 'one round'
        : Math.min(...c) > Math.max(...b)
          ? `all higher (${chance})`
          : Math.max(...c) < Math.min(...b)
            ? `all lower (${chance})`
            : 'overlap';
    const change = Number.isFinite(r.change)
      ? `${r.change >= 0 ? '+' : ''}${(r.change * 100).toFixed(1)}%`
      : '—';
    lines.push(
      `| ${r.key} | ${r.base.map(num).join(' / ')} | ${r.current.map(num).join(' / ')} | ${change} | ${apart} |`,
    );
  }
  return lines.join('\n');
}
