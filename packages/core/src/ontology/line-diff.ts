/** A unified line diff, capped in length. */
export interface LineDiff {
  /** Hunk headers (`@@ -1,3 +1,4 @@`) and lines prefixed with ' ', '-' or '+'. Empty when equal. */
  readonly lines: readonly string[];
  /** True when `lines` was cut at `maxLines`. */
  readonly truncated: boolean;
}

export interface LineDiffOptions {
  /** Unchanged lines shown around each change (default 3). */
  readonly context?: number;
  /** Longest output, in lines (default 200). */
  readonly maxLines?: number;
}

/** Above this many DP cells the changed middle is shown as a whole replacement instead of an LCS diff. */
const MAX_LCS_CELLS = 1_000_000;

interface Op {
  readonly kind: ' ' | '-' | '+';
  readonly text: string;
}

/**
 * Unified diff of two texts split on `\n` (a trailing `\r` stays part of its line; a final newline does not
 * start an extra line). Common leading and trailing lines are trimmed first; the middle is diffed by longest
 * common subsequence when it has at most 1,000,000 line pairs, otherwise shown as removed-then-added.
 */
export function unifiedLineDiff(before: string, after: string, options: LineDiffOptions = {}): LineDiff {
  const context = Math.max(0, options.context ?? 3);
  const maxLines = Math.max(1, options.maxLines ?? 200);
  const a = splitLines(before);
  const b = splitLines(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a.at(-1 - suffix) === b.at(-1 - suffix))
    suffix++;
  if (prefix === a.length && prefix === b.length) return { lines: [], truncated: false };
  const lead = Math.min(prefix, context);
  const ops: Op[] = [
    ...a.slice(prefix - lead, prefix).map((text): Op => ({ kind: ' ', text })),
    ...diffMiddle(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix)),
    ...a.slice(a.length - suffix, a.length - suffix + context).map((text): Op => ({ kind: ' ', text })),
  ];
  const lines = formatHunks(ops, prefix - lead, context);
  return lines.length > maxLines
    ? { lines: lines.slice(0, maxLines), truncated: true }
    : { lines, truncated: false };
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function diffMiddle(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || n * m > MAX_LCS_CELLS) {
    return [...a.map((text): Op => ({ kind: '-', text })), ...b.map((text): Op => ({ kind: '+', text }))];
  }
  // lcs[i * (m + 1) + j] = LCS length of a[i..] and b[j..]
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i++]! });
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
      ops.push({ kind: '-', text: a[i++]! }); // removals before additions, as in `diff -u`
    } else {
      ops.push({ kind: '+', text: b[j++]! });
    }
  }
  return ops;
}

/** Groups ops into hunks with `context` unchanged lines around changes; `start` is the 0-based first line. */
function formatHunks(ops: readonly Op[], start: number, context: number): string[] {
  const out: string[] = [];
  let aLine = start;
  let bLine = start;
  let k = 0;
  while (k < ops.length) {
    const op = ops[k]!;
    if (op.kind === ' ') {
      aLine++;
      bLine++;
      k++;
      continue;
    }
    const from = Math.max(0, k - context);
    const to = Math.min(ops.length, lastChangeOfHunk(ops, k, context) + 1 + context);
    const back = k - from; // context lines already counted above
    const hunk = ops.slice(from, to);
    const aLen = hunk.filter((h) => h.kind !== '+').length;
    const bLen = hunk.filter((h) => h.kind !== '-').length;
    out.push(
      `@@ -${range(aLine - back, aLen)} +${range(bLine - back, bLen)} @@`,
      ...hunk.map((h) => h.kind + h.text),
    );
    aLine += aLen - back;
    bLine += bLen - back;
    k = to;
  }
  return out;
}

/** Index of the last change that joins the hunk starting at change `k`: gaps of up to 2×context merge. */
function lastChangeOfHunk(ops: readonly Op[], k: number, context: number): number {
  let last = k;
  let j = k + 1;
  while (j < ops.length) {
    if (ops[j]!.kind !== ' ') {
      last = j++;
      continue;
    }
    let run = j;
    while (run < ops.length && ops[run]!.kind === ' ') run++;
    if (run === ops.length || run - j > 2 * context) break;
    j = run;
  }
  return last;
}

function range(line: number, length: number): string {
  return length === 0 ? `${line},0` : `${line + 1},${length}`;
}
