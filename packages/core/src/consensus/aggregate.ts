import type {
  AnnotationPayload,
  Classification,
  Geometry,
  LabeledObject,
  LabeledSpan,
} from '@tessera/schema';
import { clusterAcrossAnnotators, hasMajority, type Member } from './clusters';
import { greedyMatch, matchScore } from './matching';
import { geometrySimilarity, objectSimilarity, spanSimilarity } from './similarity';
import { voteAttributes } from './vote';

export interface ConsensusOptions {
  /** Minimum IoU (or point similarity) for two objects or spans to count as the same. */
  readonly threshold: number;
}
export const DEFAULT_CONSENSUS: ConsensusOptions = { threshold: 0.5 };

export interface Consensus {
  readonly payload: AnnotationPayload;
  /** Mean pairwise agreement in [0, 1]; null for a single annotation. */
  readonly agreement: number | null;
  readonly details: { annotators: number; kept: number; dropped: number; pairwise: number[] };
}

function codePointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Classes chosen by a strict majority; without one, the plurality class (ties: first in code-point order). */
function voteClassifications(payloads: readonly AnnotationPayload[]): Classification[] {
  const byClass = new Map<string, Classification[]>();
  for (const p of payloads) {
    for (const c of new Map(p.classifications.map((x) => [x.class_id, x])).values()) {
      byClass.set(c.class_id, [...(byClass.get(c.class_id) ?? []), c]);
    }
  }
  const ids = [...byClass.keys()].sort(codePointCompare);
  let chosen = ids.filter((id) => hasMajority(byClass.get(id)?.length ?? 0, payloads.length));
  if (chosen.length === 0 && ids.length > 0) {
    const top = Math.max(...ids.map((id) => byClass.get(id)?.length ?? 0));
    chosen = [ids.find((id) => byClass.get(id)?.length === top) as string];
  }
  return chosen.map((id) => ({
    class_id: id,
    attributes: voteAttributes((byClass.get(id) ?? []).map((c) => c.attributes)),
  }));
}

function mergeGeometry(members: readonly Member<LabeledObject>[]): Geometry {
  const first = (members[0] as Member<LabeledObject>).value.geometry;
  const mean = (f: (g: Geometry) => number) =>
    members.reduce((s, m) => s + f(m.value.geometry), 0) / members.length;
  if (first.type === 'box') {
    const pick = (k: 'x' | 'y' | 'w' | 'h') => (g: Geometry) => (g.type === 'box' ? g[k] : 0);
    return { type: 'box', x: mean(pick('x')), y: mean(pick('y')), w: mean(pick('w')), h: mean(pick('h')) };
  }
  if (first.type === 'point') {
    return {
      type: 'point',
      x: mean((g) => (g.type === 'point' ? g.x : 0)),
      y: mean((g) => (g.type === 'point' ? g.y : 0)),
    };
  }
  // Polygons: the medoid (the member most similar to the others), ties to the earliest member.
  let best = members[0] as Member<LabeledObject>;
  let bestScore = -1;
  for (const m of members) {
    const score = members.reduce((s, o) => s + geometrySimilarity(m.value.geometry, o.value.geometry), 0);
    if (score > bestScore) [best, bestScore] = [m, score];
  }
  return best.value.geometry;
}

function lowerMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
}

function mergeObjects(clusters: Member<LabeledObject>[][]): LabeledObject[] {
  return clusters.map((c) => {
    const first = (c[0] as Member<LabeledObject>).value;
    return {
      id: first.id,
      class_id: first.class_id,
      geometry: mergeGeometry(c),
      attributes: voteAttributes(c.map((m) => m.value.attributes)),
    };
  });
}

function mergeSpans(clusters: Member<LabeledSpan>[][]): LabeledSpan[] {
  return clusters
    .map((c) => {
      const first = (c[0] as Member<LabeledSpan>).value;
      const start = lowerMedian(c.map((m) => m.value.start));
      const end = Math.max(start + 1, lowerMedian(c.map((m) => m.value.end)));
      return {
        id: first.id,
        class_id: first.class_id,
        start,
        end,
        attributes: voteAttributes(c.map((m) => m.value.attributes)),
      };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Agreement of two annotations: mean of the components either of them used (classes, objects, spans). */
export function pairAgreement(a: AnnotationPayload, b: AnnotationPayload, threshold: number): number {
  const parts: number[] = [];
  const ca = new Set(a.classifications.map((c) => c.class_id));
  const cb = new Set(b.classifications.map((c) => c.class_id));
  if (ca.size + cb.size > 0) {
    const inter = [...ca].filter((x) => cb.has(x)).length;
    parts.push(inter / (ca.size + cb.size - inter));
  }
  if (a.objects.length + b.objects.length > 0) {
    parts.push(
      matchScore(
        greedyMatch(a.objects, b.objects, objectSimilarity, threshold),
        a.objects.length,
        b.objects.length,
      ),
    );
  }
  if (a.spans.length + b.spans.length > 0) {
    parts.push(
      matchScore(greedyMatch(a.spans, b.spans, spanSimilarity, threshold), a.spans.length, b.spans.length),
    );
  }
  return parts.length === 0 ? 1 : parts.reduce((s, x) => s + x, 0) / parts.length;
}

/**
 * The final label from k independent annotations: majority vote for classes and attributes, IoU-matched
 * consensus for boxes, polygons and points (kept when a strict majority drew them; boxes and points averaged,
 * polygons by medoid), overlap consensus for spans (median bounds). Agreement = mean pairwise agreement.
 */
export function aggregateAnnotations(
  payloads: readonly AnnotationPayload[],
  options: ConsensusOptions = DEFAULT_CONSENSUS,
): Consensus {
  const k = payloads.length;
  if (k === 0) throw new Error('aggregateAnnotations needs at least one annotation');
  if (k === 1) {
    return {
      payload: payloads[0] as AnnotationPayload,
      agreement: null,
      details: { annotators: 1, kept: 0, dropped: 0, pairwise: [] },
    };
  }
  const objectClusters = clusterAcrossAnnotators(
    payloads.map((p) => p.objects),
    objectSimilarity,
    options.threshold,
  );
  const spanClusters = clusterAcrossAnnotators(
    payloads.map((p) => p.spans),
    spanSimilarity,
    options.threshold,
  );
  const keptObjects = objectClusters.filter((c) => hasMajority(c.length, k));
  const keptSpans = spanClusters.filter((c) => hasMajority(c.length, k));
  const pairwise: number[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++)
      pairwise.push(
        pairAgreement(payloads[i] as AnnotationPayload, payloads[j] as AnnotationPayload, options.threshold),
      );
  }
  const kept = keptObjects.length + keptSpans.length;
  return {
    payload: {
      classifications: voteClassifications(payloads),
      objects: mergeObjects(keptObjects),
      spans: mergeSpans(keptSpans),
      attributes: voteAttributes(payloads.map((p) => p.attributes)),
    },
    agreement: pairwise.reduce((s, x) => s + x, 0) / pairwise.length,
    details: { annotators: k, kept, dropped: objectClusters.length + spanClusters.length - kept, pairwise },
  };
}
