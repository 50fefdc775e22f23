import { greedyMatch } from './matching';

export interface Member<T> {
  readonly annotator: number;
  readonly value: T;
}

/**
 * Groups the annotators' elements into clusters of "the same thing": each annotator's elements are matched
 * one-to-one (greedy by similarity to the cluster's first member, ≥ threshold) to the clusters built so far;
 * unmatched elements start new clusters. A cluster holds at most one element per annotator.
 */
export function clusterAcrossAnnotators<T>(
  perAnnotator: readonly (readonly T[])[],
  similarity: (a: T, b: T) => number,
  threshold: number,
): Member<T>[][] {
  const clusters: Member<T>[][] = [];
  perAnnotator.forEach((elements, annotator) => {
    const open = clusters.filter((c) => !c.some((m) => m.annotator === annotator));
    const matches = greedyMatch(
      elements,
      open,
      (e, c) => similarity(e, (c[0] as Member<T>).value),
      threshold,
    );
    const matched = new Set<number>();
    for (const m of matches) {
      (open[m.b] as Member<T>[]).push({ annotator, value: elements[m.a] as T });
      matched.add(m.a);
    }
    elements.forEach((value, i) => {
      if (!matched.has(i)) clusters.push([{ annotator, value }]);
    });
  });
  return clusters;
}

/** Strict majority of k annotators (k = 2 needs both, k = 3 needs two). */
export function hasMajority(size: number, annotators: number): boolean {
  return size * 2 > annotators;
}
