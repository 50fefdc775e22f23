import { type Span, spanIou, spanOverlap } from '@tessera/geometry';
import { compareCodePoints } from './label-order';
import { MetricsInputError } from './metrics-input-error';

/** A labelled text span (NER entity): half-open [start, end) over UTF-16 code units, plus its label. */
export interface LabeledSpan extends Span {
  readonly label: string;
}

/** One document's gold and predicted spans; spans only ever match within their own document. */
export interface SpanDocument {
  readonly gold: readonly LabeledSpan[];
  readonly pred: readonly LabeledSpan[];
}

/**
 * `exact`: a prediction is correct when start, end and label all equal a gold span's (CoNLL / seqeval
 * strict entity match). `overlap`: when its label equals a gold span's and they share ≥ 1 code unit.
 */
export type SpanMatchMode = 'exact' | 'overlap';

export interface SpanScores {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface LabelSpanScores extends SpanScores {
  readonly label: string;
}

export interface SpanF1Result extends SpanScores {
  /** Micro-averaged totals above; one entry per label seen in gold or pred, sorted by code point. */
  readonly perLabel: readonly LabelSpanScores[];
}

function checkSpan(s: LabeledSpan, where: string): void {
  if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end < s.start) {
    throw new MetricsInputError(`${where}: span [${s.start}, ${s.end}) needs integers with 0 ≤ start ≤ end`);
  }
  if (typeof s.label !== 'string') throw new MetricsInputError(`${where}: span label must be a string`);
}

function matches(g: LabeledSpan, p: LabeledSpan, mode: SpanMatchMode): boolean {
  if (g.label !== p.label) return false;
  return mode === 'exact' ? g.start === p.start && g.end === p.end : spanOverlap(g, p) > 0;
}

/**
 * One-to-one matching of gold and predicted spans of one document. Candidate pairs are taken greedily by
 * span IoU (descending), then overlap length, then gold index, then prediction index; each span is used at
 * most once. Returns the matched predictions' indices (so their labels give per-label true positives).
 */
function matchDocument(doc: SpanDocument, mode: SpanMatchMode): number[] {
  const pairs: [number, number, number, number][] = [];
  doc.gold.forEach((g, gi) => {
    doc.pred.forEach((p, pi) => {
      if (matches(g, p, mode)) pairs.push([spanIou(g, p), spanOverlap(g, p), gi, pi]);
    });
  });
  pairs.sort((a, b) => b[0] - a[0] || b[1] - a[1] || a[2] - b[2] || a[3] - b[3]);
  const goldUsed = new Set<number>();
  const predUsed = new Set<number>();
  for (const [, , gi, pi] of pairs) {
    if (goldUsed.has(gi) || predUsed.has(pi)) continue;
    goldUsed.add(gi);
    predUsed.add(pi);
  }
  return [...predUsed];
}

function scores(tp: number, fp: number, fn: number): SpanScores {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = 2 * tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  return { tp, fp, fn, precision, recall, f1 };
}

interface Tally {
  tp: number;
  gold: number;
  pred: number;
}

/**
 * Span-level precision, recall and F1 for text NER, micro-averaged over all documents, plus per label.
 * - `exact` (default): strict match on start, end and label, as CoNLL-2003 / seqeval's default mode.
 * - `overlap`: a prediction counts as a true positive when it shares at least one code unit (half-open,
 *   so touching spans do not) with a gold span of the same label; matching is one-to-one, so one long
 *   prediction covering two gold entities earns one TP and one FN. This is the "overlap/partial boundary,
 *   correct type" reading, with full credit (not the ½ credit of SemEval-2013's "partial" scheme).
 * Choices: matching is one-to-one in both modes, so a duplicated prediction is a false positive (seqeval
 * collapses duplicates into a set); a 0/0 precision, recall or F1 is 0 (sklearn `zero_division=0`);
 * F1 = 2TP / (2TP + FP + FN). Spans with non-integer or inverted bounds throw MetricsInputError.
 */
export function spanF1(docs: readonly SpanDocument[], mode: SpanMatchMode = 'exact'): SpanF1Result {
  const tallies = new Map<string, Tally>();
  const tally = (label: string): Tally => {
    let t = tallies.get(label);
    if (t === undefined) {
      t = { tp: 0, gold: 0, pred: 0 };
      tallies.set(label, t);
    }
    return t;
  };
  docs.forEach((doc, d) => {
    doc.gold.forEach((s, i) => {
      checkSpan(s, `document ${d} gold ${i}`);
      tally(s.label).gold += 1;
    });
    doc.pred.forEach((s, i) => {
      checkSpan(s, `document ${d} pred ${i}`);
      tally(s.label).pred += 1;
    });
    for (const pi of matchDocument(doc, mode)) tally(doc.pred[pi]!.label).tp += 1;
  });
  const labels = [...tallies.keys()].sort(compareCodePoints);
  let tp = 0;
  let gold = 0;
  let pred = 0;
  const perLabel = labels.map((label) => {
    const t = tallies.get(label)!;
    tp += t.tp;
    gold += t.gold;
    pred += t.pred;
    return { label, ...scores(t.tp, t.pred - t.tp, t.gold - t.tp) };
  });
  return { ...scores(tp, pred - tp, gold - tp), perLabel };
}
