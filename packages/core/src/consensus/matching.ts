export interface Match {
  readonly a: number;
  readonly b: number;
  readonly similarity: number;
}

/**
 * One-to-one greedy matching: all pairs with similarity ≥ threshold, highest first (ties: lower a, then lower
 * b), each element used once. Deterministic, O(n·m log(n·m)).
 */
export function greedyMatch<A, B>(
  as: readonly A[],
  bs: readonly B[],
  similarity: (a: A, b: B) => number,
  threshold: number,
): Match[] {
  const pairs: Match[] = [];
  as.forEach((a, i) => {
    bs.forEach((b, j) => {
      const s = similarity(a, b);
      if (s >= threshold && s > 0) pairs.push({ a: i, b: j, similarity: s });
    });
  });
  pairs.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const matches: Match[] = [];
  for (const p of pairs) {
    if (usedA.has(p.a) || usedB.has(p.b)) continue;
    usedA.add(p.a);
    usedB.add(p.b);
    matches.push(p);
  }
  return matches;
}

/** 2·Σ similarity of matches / (|a| + |b|); 1 when both are empty (nothing to disagree on). */
export function matchScore(matches: readonly Match[], sizeA: number, sizeB: number): number {
  if (sizeA + sizeB === 0) return 1;
  const total = matches.reduce((sum, m) => sum + m.similarity, 0);
  return (2 * total) / (sizeA + sizeB);
}
