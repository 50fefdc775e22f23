import { describe, expect, it } from 'vitest';
import { itemViewOf } from '../workspace';

describe('itemViewOf for documents', () => {
  it('a document item is its URI and, when known, its page count (`length`)', () => {
    expect(itemViewOf({ media_type: 'document', uri: '/assets/contract.pdf', length: 12 })).toEqual({
      kind: 'document',
      url: '/assets/contract.pdf',
      pages: 12,
    });
    expect(itemViewOf({ media_type: 'document', uri: 'https://files.example/a.pdf', length: null })).toEqual({
      kind: 'document',
      url: 'https://files.example/a.pdf',
      pages: null,
    });
  });

  it('an unusable page count is unknown, not trusted', () => {
    for (const length of [0, -3, Number.NaN, Number.POSITIVE_INFINITY, '12']) {
      expect(itemViewOf({ media_type: 'document', uri: '/d.pdf', length })).toEqual({
        kind: 'document',
        url: '/d.pdf',
        pages: null,
      });
    }
  });

  it('a document without a URI cannot be shown', () => {
    expect(itemViewOf({ media_type: 'document', uri: null, length: 3 })).toBeNull();
    expect(itemViewOf({ media_type: 'document', text: 'inline text is not a PDF' })).toBeNull();
  });

  it('images and texts are unchanged', () => {
    expect(itemViewOf({ media_type: 'image', uri: '/assets/a.png', width: 4, height: 3 })).toEqual({
      kind: 'image',
      url: '/assets/a.png',
      width: 4,
      height: 3,
    });
    expect(itemViewOf({ media_type: 'text', text: 'hello' })).toEqual({ kind: 'text', text: 'hello' });
  });
});
