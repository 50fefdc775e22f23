import type { AnnotationPayload } from '@tessera/schema';
import { DEFAULT_CONSENSUS, pairAgreement } from '../consensus/aggregate';
import type { ConsensusSampleRow, FinalLabelSampleRow } from './stats-rows';

export interface ClassAgreement {
  readonly classId: string;
  /** Final labels containing the class. */
  readonly labels: number;
  /** Of those, labels with an agreement value. */
  readonly scored: number;
  readonly meanAgreement: number | null;
}

export interface ConsensusAgreement {
  readonly compared: number;
  readonly meanAgreement: number | null;
}

/** Every class a payload uses: whole-item classes, objects and spans. */
export function payloadClasses(payload: AnnotationPayload): Set<string> {
  return new Set([
    ...payload.classifications.map((c) => c.class_id),
    ...payload.objects.map((o) => o.class_id),
    ...payload.spans.map((s) => s.class_id),
  ]);
}

/** Mean consensus agreement of the final labels containing each class, most frequent class first. */
export function classAgreement(labels: readonly FinalLabelSampleRow[]): ClassAgreement[] {
  const acc = new Map<string, { labels: number; scored: number; sum: number }>();
  for (const label of labels) {
    for (const classId of payloadClasses(label.payload)) {
      const a = acc.get(classId) ?? { labels: 0, scored: 0, sum: 0 };
      a.labels += 1;
      if (label.agreement !== null) {
        a.scored += 1;
        a.sum += label.agreement;
      }
      acc.set(classId, a);
    }
  }
  return [...acc.entries()]
    .map(([classId, a]) => ({
      classId,
      labels: a.labels,
      scored: a.scored,
      meanAgreement: a.scored === 0 ? null : a.sum / a.scored,
    }))
    .sort((x, y) => y.labels - x.labels || (x.classId < y.classId ? -1 : x.classId > y.classId ? 1 : 0));
}

/**
 * Each author's mean agreement with the final label of the tasks they labeled, measured with the function
 * consensus uses between two annotators (`pairAgreement` at the consensus threshold).
 */
export function consensusAgreement(
  rows: readonly ConsensusSampleRow[],
  threshold = DEFAULT_CONSENSUS.threshold,
): Map<string, ConsensusAgreement> {
  const acc = new Map<string, { n: number; sum: number }>();
  for (const row of rows) {
    const a = acc.get(row.authorId) ?? { n: 0, sum: 0 };
    a.n += 1;
    a.sum += pairAgreement(row.payload, row.finalPayload, threshold);
    acc.set(row.authorId, a);
  }
  return new Map(
    [...acc.entries()].map(([id, a]) => [
      id,
      { compared: a.n, meanAgreement: a.n === 0 ? null : a.sum / a.n },
    ]),
  );
}
