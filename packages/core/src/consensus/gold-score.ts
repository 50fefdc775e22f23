import type { AnnotationPayload } from '@tessera/schema';
import { greedyMatch } from './matching';
import { objectSimilarity, spanSimilarity } from './similarity';

export interface GoldResult {
  /** Matched elements / Σ max(expected, submitted) over classes, objects and spans; 1 when both are empty. */
  readonly accuracy: number;
  /** Mean IoU of matched objects; null when the gold answer has no objects. */
  readonly meanIou: number | null;
}

/** Scores a gold submission against the expected answer (same matching threshold as consensus). */
export function scoreGold(
  submitted: AnnotationPayload,
  expected: AnnotationPayload,
  threshold = 0.5,
): GoldResult {
  const want = new Set(expected.classifications.map((c) => c.class_id));
  const got = new Set(submitted.classifications.map((c) => c.class_id));
  const classHits = [...got].filter((c) => want.has(c)).length;
  const objects = greedyMatch(submitted.objects, expected.objects, objectSimilarity, threshold);
  const spans = greedyMatch(submitted.spans, expected.spans, spanSimilarity, threshold);
  const denominator =
    Math.max(want.size, got.size) +
    Math.max(expected.objects.length, submitted.objects.length) +
    Math.max(expected.spans.length, submitted.spans.length);
  const hits = classHits + objects.length + spans.length;
  const meanIou =
    expected.objects.length === 0
      ? null
      : objects.length === 0
        ? 0
        : objects.reduce((s, m) => s + m.similarity, 0) / objects.length;
  return { accuracy: denominator === 0 ? 1 : hits / denominator, meanIou };
}
