import type { AnnotationPayload } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { classAgreement, consensusAgreement } from './agreement-stats';

const payload = (classes: string[], boxes: [string, number][] = []): AnnotationPayload => ({
  classifications: classes.map((class_id) => ({ class_id, attributes: {} })),
  objects: boxes.map(([class_id, x], i) => ({
    id: `o${i}`,
    class_id,
    geometry: { type: 'box', x, y: 0, w: 10, h: 10 },
    attributes: {},
  })),
  spans: [],
  attributes: {},
});

describe('agreement statistics', () => {
  it('averages the agreement of the final labels containing each class, most frequent first', () => {
    const rows = [
      {
        payload: payload(
          ['scene'],
          [
            ['car', 0],
            ['car', 50],
          ],
        ),
        agreement: 0.5,
      },
      { payload: payload([], [['car', 0]]), agreement: 1 },
      { payload: payload([], [['person', 0]]), agreement: null },
    ];
    expect(classAgreement(rows)).toEqual([
      { classId: 'car', labels: 2, scored: 2, meanAgreement: 0.75 },
      { classId: 'person', labels: 1, scored: 0, meanAgreement: null },
      { classId: 'scene', labels: 1, scored: 1, meanAgreement: 0.5 },
    ]);
  });

  it("scores each author's annotations against the final label with the consensus agreement", () => {
    const final = payload([], [['car', 0]]);
    const rows = [
      { authorId: 'a', payload: payload([], [['car', 0]]), finalPayload: final },
      // IoU of boxes 5 px apart: 50 / 150 = 1/3, below the 0.5 threshold → no match → 0
      { authorId: 'a', payload: payload([], [['car', 5]]), finalPayload: final },
      // x = 2: IoU 80 / 120 = 2/3 (matched)
      { authorId: 'b', payload: payload([], [['car', 2]]), finalPayload: final },
    ];
    const byAuthor = consensusAgreement(rows);
    expect(byAuthor.get('a')).toEqual({ compared: 2, meanAgreement: 0.5 });
    expect(byAuthor.get('b')?.compared).toBe(1);
    expect(byAuthor.get('b')?.meanAgreement).toBeCloseTo(2 / 3, 12);
  });
});
