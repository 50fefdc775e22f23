import { describe, expect, it } from 'vitest';
import { guidelineParagraphs } from './guideline-paragraphs';
import { formatDiffValue, isDiffEmpty, parseDiff } from './parse-diff';

describe('parseDiff', () => {
  it('reads the server diff shape', () => {
    const diff = parseDiff({
      from: 1,
      to: 2,
      classes: {
        added: [{ id: 'bus', name: 'Bus', color: '#000000', geometries: ['box'], attributes: [] }],
        removed: [],
        changed: [
          {
            id: 'car',
            changes: [{ field: 'geometries', before: ['box'], after: ['box', 'polygon'] }],
            attributes: {
              added: [],
              removed: [{ id: 'old', name: 'Old', type: 'boolean', required: false }],
              changed: [{ id: 'size', changes: [{ field: 'max', before: null, after: 10 }] }],
            },
          },
        ],
      },
      globalAttributes: { added: [], removed: [], changed: [] },
      guidelinesChanged: true,
      guidelinesDiff: ['@@ -1 +1 @@', '-a', '+b'],
      guidelinesDiffTruncated: false,
    });
    expect(diff.from).toBe(1);
    expect(diff.classes.added).toEqual([{ id: 'bus', name: 'Bus' }]);
    expect(diff.classes.changed[0]?.changes).toEqual([
      { field: 'geometries', before: 'box', after: 'box, polygon' },
    ]);
    expect(diff.classes.changed[0]?.attributes.removed).toEqual([{ id: 'old', name: 'Old' }]);
    expect(diff.classes.changed[0]?.attributes.changed[0]?.changes).toEqual([
      { field: 'max', before: '—', after: '10' },
    ]);
    expect(diff.guidelinesDiff).toEqual(['@@ -1 +1 @@', '-a', '+b']);
    expect(isDiffEmpty(diff)).toBe(false);
  });

  it('tolerates a malformed answer as an empty diff', () => {
    const diff = parseDiff({ classes: 'x', guidelinesDiff: [1, 'y'] });
    expect(diff.from).toBeNull();
    expect(diff.classes.changed).toEqual([]);
    expect(diff.guidelinesDiff).toEqual(['', 'y']);
    expect(isDiffEmpty(parseDiff(null))).toBe(true);
  });

  it('formats values', () => {
    expect(formatDiffValue(null)).toBe('—');
    expect(formatDiffValue([])).toBe('(none)');
    expect(formatDiffValue(true)).toBe('true');
    expect(formatDiffValue({ a: 1 })).toBe('{"a":1}');
  });
});

describe('guidelineParagraphs', () => {
  it('splits on blank lines, keeps line breaks and leaves markup as text', () => {
    expect(guidelineParagraphs('One\ntwo\r\n\r\n\n  \n<b>three</b>  \n')).toEqual([
      ['One', 'two'],
      ['<b>three</b>'],
    ]);
    expect(guidelineParagraphs('')).toEqual([]);
  });
});
