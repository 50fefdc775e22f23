import { describe, expect, it } from 'vitest';
import { POINT_TOOL, pointPointerDown } from './point-tool';
import { at, contextFor, documentOf } from './test-fixtures';

describe('point tool', () => {
  it('adds a point of the current class at the click, clamped into the image, and selects it', () => {
    const ctx = contextFor(documentOf([], 100, 80), { classId: 'keypoint' });
    const step = pointPointerDown(POINT_TOOL, at(120, 7.5), ctx);
    expect(step.edit?.doc.objects).toEqual([
      { id: 'new-1', class_id: 'keypoint', geometry: { type: 'point', x: 100, y: 7.5 }, attributes: {} },
    ]);
    expect(step.edit?.doc.selection).toEqual(['new-1']);
  });

  it('adds nothing for a class without points, or read-only', () => {
    const doc = documentOf([]);
    expect(pointPointerDown(POINT_TOOL, at(1, 1), contextFor(doc, { classId: 'car' })).edit).toBeNull();
    expect(pointPointerDown(POINT_TOOL, at(1, 1), contextFor(doc, { classId: null })).edit).toBeNull();
    const readOnly = contextFor(doc, { classId: 'keypoint', canEdit: false });
    expect(pointPointerDown(POINT_TOOL, at(1, 1), readOnly).edit).toBeNull();
  });
});
