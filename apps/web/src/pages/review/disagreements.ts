import { boxIou, polygonIou } from '@tessera/geometry';
import type { AnnotationPayload, Geometry, LabeledObject, LabeledSpan } from '@tessera/schema';

/** Two objects of the same class overlapping at least this much (IoU) are the same object. */
export const MATCH_IOU = 0.5;
/** Points have no area: two points of the same class closer than this (pixels) are the same point. */
export const POINT_MATCH_PX = 10;

/** What one annotation has that some other annotation of the task does not. */
export interface Disagreement {
  readonly objects: readonly LabeledObject[];
  readonly spans: readonly LabeledSpan[];
  /** Whole-item classes not every annotation chose. */
  readonly classes: readonly string[];
}

/** Overlap of two geometries in [0, 1]: IoU for boxes and polygons, nearness for points, 0 across types. */
export function geometryOverlap(a: Geometry, b: Geometry): number {
  if (a.type === 'box' && b.type === 'box') return boxIou(a, b);
  if (a.type === 'polygon' && b.type === 'polygon') return polygonIou(a.points, b.points);
  if (a.type === 'point' && b.type === 'point') {
    return Math.max(0, 1 - Math.hypot(a.x - b.x, a.y - b.y) / (2 * POINT_MATCH_PX));
  }
  return 0;
}

/** How well two objects match: 0 across classes, else their overlap. */
export function objectMatch(a: LabeledObject, b: LabeledObject): number {
  return a.class_id === b.class_id ? geometryOverlap(a.geometry, b.geometry) : 0;
}

/** Spans match only on the exact same range and class. */
export function spanMatch(a: LabeledSpan, b: LabeledSpan): number {
  return a.class_id === b.class_id && a.start === b.start && a.end === b.end ? 1 : 0;
}

/**
 * Indices of `as` matched one-to-one to `bs`: candidate pairs scoring ≥ MATCH_IOU, best first (ties: lower
 * index of a, then of b), each element used at most once.
 */
export function matchedIndices<T>(
  as: readonly T[],
  bs: readonly T[],
  score: (a: T, b: T) => number,
): Set<number> {
  const pairs: { a: number; b: number; s: number }[] = [];
  as.forEach((a, i) => {
    bs.forEach((b, j) => {
      const s = score(a, b);
      if (s >= MATCH_IOU && s > 0) pairs.push({ a: i, b: j, s });
    });
  });
  pairs.sort((x, y) => y.s - x.s || x.a - y.a || x.b - y.b);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  for (const p of pairs) {
    if (usedA.has(p.a) || usedB.has(p.b)) continue;
    usedA.add(p.a);
    usedB.add(p.b);
  }
  return usedA;
}

/** Elements of `mine` that are matched in every one of `others`. */
function agreedEverywhere<T>(
  mine: readonly T[],
  others: readonly (readonly T[])[],
  score: (a: T, b: T) => number,
): Set<number> {
  let agreed = new Set(mine.map((_, i) => i));
  for (const theirs of others) {
    const matched = matchedIndices(mine, theirs, score);
    agreed = new Set([...agreed].filter((i) => matched.has(i)));
  }
  return agreed;
}

/**
 * Per annotation (same order), the objects, spans and whole-item classes that not every other annotation
 * has: objects match by class and IoU ≥ 0.5, spans by class and exact range. One annotation disagrees with
 * nobody.
 */
export function findDisagreements(payloads: readonly AnnotationPayload[]): Disagreement[] {
  return payloads.map((mine, i) => {
    const others = payloads.filter((_, j) => j !== i);
    const objects = agreedEverywhere(
      mine.objects,
      others.map((o) => o.objects),
      objectMatch,
    );
    const spans = agreedEverywhere(
      mine.spans,
      others.map((o) => o.spans),
      spanMatch,
    );
    const classes = [...new Set(mine.classifications.map((c) => c.class_id))].filter(
      (id) => !others.every((o) => o.classifications.some((c) => c.class_id === id)),
    );
    return {
      objects: mine.objects.filter((_, k) => !objects.has(k)),
      spans: mine.spans.filter((_, k) => !spans.has(k)),
      classes,
    };
  });
}

export function disagreementCount(d: Disagreement): number {
  return d.objects.length + d.spans.length + d.classes.length;
}

/**
 * The disagreeing objects and spans of several annotations as one payload (drawn as a highlight overlay);
 * ids get the annotation's index as a prefix, since annotators' ids may repeat across annotations.
 */
export function disagreementPayload(ds: readonly Disagreement[]): AnnotationPayload {
  return {
    classifications: [],
    objects: ds.flatMap((d, i) => d.objects.map((o) => ({ ...o, id: `${i}-${o.id}` }))),
    spans: ds.flatMap((d, i) => d.spans.map((s) => ({ ...s, id: `${i}-${s.id}` }))),
    attributes: {},
  };
}
