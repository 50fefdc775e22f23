import { CLEANLAB_EPSILON } from './confident-joint';

/** The outcome of checking label-issue inputs: validated copies, or the first problem found. */
export type LabelIssuesInputCheck =
  | { readonly ok: true; readonly labels: number[]; readonly predProbs: number[][] }
  | { readonly ok: false; readonly problem: string };

export interface LabelIssuesInputOptions {
  /** When set, every row of predProbs must sum to 1 within this tolerance (cleanlab itself does not check). */
  readonly rowSumTolerance?: number;
}

function fail(problem: string): LabelIssuesInputCheck {
  return { ok: false, problem };
}

function checkProbRows(predProbs: unknown, options: LabelIssuesInputOptions): string | number[][] {
  if (!Array.isArray(predProbs) || predProbs.length === 0)
    return 'pred_probs must be a non-empty array of rows';
  const width = Array.isArray(predProbs[0]) ? predProbs[0].length : -1;
  if (width < 2) return 'pred_probs rows must be arrays with at least 2 class probabilities';
  const rows: number[][] = [];
  for (const [i, row] of predProbs.entries()) {
    if (!Array.isArray(row) || row.length !== width)
      return `pred_probs[${i}] must be an array of ${width} numbers`;
    for (const [j, p] of row.entries()) {
      if (typeof p !== 'number' || !Number.isFinite(p))
        return `pred_probs[${i}][${j}] is not a finite number`;
      // cleanlab `_validate_pred_probs`: values within [0, 1] up to FLOATING_POINT_COMPARISON.
      if (p < -CLEANLAB_EPSILON || p > 1 + CLEANLAB_EPSILON) {
        return `pred_probs[${i}][${j}] = ${p} is outside [0, 1]`;
      }
    }
    const sum = (row as number[]).reduce((a, b) => a + b, 0);
    const tol = options.rowSumTolerance;
    if (tol !== undefined && Math.abs(sum - 1) > tol)
      return `pred_probs[${i}] sums to ${sum}, not 1 (±${tol})`;
    rows.push([...(row as number[])]);
  }
  return rows;
}

function checkLabelValues(labels: unknown, numClasses: number): string | number[] {
  if (!Array.isArray(labels) || labels.length === 0) return 'labels must be a non-empty array';
  for (const [i, label] of labels.entries()) {
    if (typeof label !== 'number' || !Number.isInteger(label)) return `labels[${i}] is not an integer`;
    if (label < 0 || label >= numClasses) {
      return `labels[${i}] = ${label} is outside 0..${numClasses - 1} (pred_probs has ${numClasses} columns)`;
    }
  }
  return [...(labels as number[])];
}

/**
 * Validates inputs of `findLabelIssues` the way cleanlab `internal/validation.py` does (v2.9.0):
 * integer labels in 0..K−1, equal lengths, probabilities within [0, 1] ± 1e−6, at least 2 distinct labels
 * unless every label is 0 (`allow_one_class`). Choices beyond cleanlab: inputs must be non-empty, rows
 * rectangular with K ≥ 2, and (optionally) rows must sum to 1.
 */
export function checkLabelIssuesInput(
  labels: unknown,
  predProbs: unknown,
  options: LabelIssuesInputOptions = {},
): LabelIssuesInputCheck {
  const rows = checkProbRows(predProbs, options);
  if (typeof rows === 'string') return fail(rows);
  const numClasses = rows[0]?.length ?? 0;
  const checkedLabels = checkLabelValues(labels, numClasses);
  if (typeof checkedLabels === 'string') return fail(checkedLabels);
  if (checkedLabels.length !== rows.length) {
    return fail(`labels has ${checkedLabels.length} entries but pred_probs has ${rows.length} rows`);
  }
  const distinct = new Set(checkedLabels);
  if (distinct.size < 2 && !distinct.has(0)) return fail('labels must contain at least 2 classes');
  return { ok: true, labels: checkedLabels, predProbs: rows };
}
