import type { PredProbs } from './confident-joint';
import { stableArgsort } from './numpy-semantics';

/** Indices of the examples labelled k, in index order, for every class k. */
function indicesByClass(labels: readonly number[], numClasses: number): number[][] {
  const groups: number[][] = Array.from({ length: numClasses }, () => []);
  labels.forEach((label, i) => {
    groups[label]?.push(i);
  });
  return groups;
}

type ClassPruner = (k: number, members: readonly number[]) => readonly number[];

/**
 * Runs a per-class pruner and writes its flags into one mask. Like cleanlab, a class's result is only
 * copied back when the class has more than one example (`if len(mask) > 1`).
 */
function pruneEachClass(labels: readonly number[], numClasses: number, pruner: ClassPruner): boolean[] {
  const mask = new Array<boolean>(labels.length).fill(false);
  indicesByClass(labels, numClasses).forEach((members, k) => {
    if (members.length <= 1) return;
    for (const i of pruner(k, members)) mask[i] = true;
  });
  return mask;
}

/**
 * cleanlab `filter._prune_by_count` (filter_by='prune_by_noise_rate', quality-math.md §10 step 5): in
 * class k (given label), for every j ≠ k with M[j][k] > 0, flag the M[j][k] examples with the largest
 * margin p_j − p_k. cleanlab sorts with `np.argsort(-margin)` (unstable); we sort −margin stably, so equal
 * margins are taken in ascending index order. Classes with ≤ `minExamplesPerClass` examples are skipped.
 */
export function pruneByNoiseRate(
  labels: readonly number[],
  predProbs: PredProbs,
  pruneCountMatrix: readonly (readonly number[])[],
  minExamplesPerClass: number,
): boolean[] {
  const numClasses = pruneCountMatrix.length;
  return pruneEachClass(labels, numClasses, (k, members) => {
    if (members.length <= minExamplesPerClass) return [];
    const flagged = new Set<number>();
    for (let j = 0; j < numClasses; j += 1) {
      const numToPrune = pruneCountMatrix[j]?.[k] as number;
      if (j === k || numToPrune <= 0) continue;
      const negMargins = members.map((i) => {
        const row = predProbs[i] as readonly number[];
        return -((row[j] as number) - (row[k] as number));
      });
      for (const pos of stableArgsort(negMargins).slice(0, numToPrune)) flagged.add(members[pos] as number);
    }
    return [...flagged];
  });
}

/**
 * cleanlab `filter._prune_by_class` (filter_by='prune_by_class', quality-math.md §10 step 5): in class k,
 * flag the n_k − M[k][k] examples with the smallest p_k (stable ascending sort; ties by index).
 * Classes with ≤ `minExamplesPerClass` examples are skipped.
 */
export function pruneByClass(
  labels: readonly number[],
  predProbs: PredProbs,
  pruneCountMatrix: readonly (readonly number[])[],
  minExamplesPerClass: number,
): boolean[] {
  return pruneEachClass(labels, pruneCountMatrix.length, (k, members) => {
    if (members.length <= minExamplesPerClass) return [];
    const numIssues = members.length - (pruneCountMatrix[k]?.[k] as number);
    if (numIssues < 1) return [];
    const order = stableArgsort(members.map((i) => predProbs[i]?.[k] as number));
    return order.slice(0, numIssues).map((pos) => members[pos] as number);
  });
}
