import type { AnnotationPayload, ReviewAnnotationDto, TaskAnnotationsDto } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import {
  ANNOTATOR_COLORS,
  annotatorOverlays,
  comparedAnnotations,
  DISAGREEMENT_COLOR,
  disagreementOverlays,
  finalPayload,
  percent,
  totalDisagreements,
} from './review-model';

const boxes = (...xs: number[]): AnnotationPayload => ({
  classifications: [],
  objects: xs.map((x, i) => ({
    id: `o${i}`,
    class_id: 'car',
    geometry: { type: 'box', x, y: 0, w: 10, h: 10 },
    attributes: {},
  })),
  spans: [],
  attributes: {},
});
const doc = (
  id: string,
  annotations: AnnotationPayload,
  over: Partial<ReviewAnnotationDto> = {},
): ReviewAnnotationDto => ({
  annotation_id: id,
  author_id: `usr_${id}`,
  kind: 'label',
  annotations,
  ontology_version: 1,
  duration_ms: null,
  created_at: '2026-01-01T00:00:00.000Z',
  current_round: true,
  agreement: null,
  ...over,
});
const task = (docs: ReviewAnnotationDto[]): TaskAnnotationsDto => ({
  task_id: 'tsk_1',
  stage: 'review',
  is_gold: false,
  ontology_version: 1,
  item: null,
  final_label: null,
  docs,
});

describe('review model', () => {
  it("compares the current round's labels, numbered and colored in order", () => {
    const compared = comparedAnnotations(
      task([
        doc('old', boxes(0), { current_round: false }),
        doc('a', boxes(0, 50)),
        doc('b', boxes(0)),
        doc('fix', boxes(0), { kind: 'review_fix' }),
      ]),
    );
    expect(compared.map((c) => [c.doc.annotation_id, c.name, c.color])).toEqual([
      ['a', 'Annotator 1', ANNOTATOR_COLORS[0]],
      ['b', 'Annotator 2', ANNOTATOR_COLORS[1]],
    ]);
    expect(compared.map((c) => c.disagreement.objects.map((o) => o.id))).toEqual([['o1'], []]);
    expect(totalDisagreements(compared)).toBe(1);
  });

  it('falls back to every non-fix annotation when no round is current', () => {
    const compared = comparedAnnotations(
      task([doc('a', boxes(0), { current_round: false }), doc('b', boxes(0), { current_round: false })]),
    );
    expect(compared.map((c) => c.doc.annotation_id)).toEqual(['a', 'b']);
  });

  it('overlays each annotator in their color, and the disagreements in red only when there are some', () => {
    const compared = comparedAnnotations(task([doc('a', boxes(0, 50)), doc('b', boxes(0))]));
    expect(annotatorOverlays(compared).map((o) => [o.label, o.color, o.payload.objects.length])).toEqual([
      ['Annotator 1', ANNOTATOR_COLORS[0], 2],
      ['Annotator 2', ANNOTATOR_COLORS[1], 1],
    ]);
    const [highlight] = disagreementOverlays(compared);
    expect(highlight?.color).toBe(DISAGREEMENT_COLOR);
    expect(highlight?.payload.objects.map((o) => o.id)).toEqual(['0-o1']);
    expect(disagreementOverlays(comparedAnnotations(task([doc('a', boxes(0)), doc('b', boxes(0))])))).toEqual(
      [],
    );
  });

  it('starts a fix from the final label, or from an empty annotation without one', () => {
    expect(finalPayload(task([]))).toEqual({ classifications: [], objects: [], spans: [], attributes: {} });
    const withLabel: TaskAnnotationsDto = {
      ...task([]),
      final_label: {
        task_id: 'tsk_1',
        revision: 1,
        source: 'consensus',
        agreement: 0.5,
        ontology_version: 1,
        annotations: boxes(3),
        created_at: '2026-01-01T00:00:00.000Z',
      },
    };
    expect(finalPayload(withLabel).objects).toHaveLength(1);
    expect([percent(0.8333), percent(null), percent(undefined), percent(1)]).toEqual([
      '83%',
      '—',
      '—',
      '100%',
    ]);
  });
});
