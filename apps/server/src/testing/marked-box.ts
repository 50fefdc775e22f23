/** A valid annotation for the test ontology: one box whose x marks who made it (for checking). */
export function markedBox(mark: number) {
  return {
    classifications: [],
    objects: [
      {
        id: 'o1',
        class_id: 'car',
        geometry: { type: 'box' as const, x: mark % 80, y: 1, w: 5, h: 5 },
        attributes: { occluded: false },
      },
    ],
    spans: [],
    attributes: {},
  };
}
