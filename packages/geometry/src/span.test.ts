import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spanInside, spanIou, spanLength, spanOverlap, spansOverlap } from './span';
import type { Span } from './types';

const s = (start: number, end: number): Span => ({ start, end });

describe('spans (half-open, UTF-16 code units)', () => {
  it('measures length and overlap (hand values)', () => {
    expect(spanLength(s(3, 8))).toBe(5);
    expect(spanLength(s(8, 3))).toBe(0);
    expect(spanOverlap(s(0, 5), s(3, 10))).toBe(2);
    expect(spanOverlap(s(0, 5), s(5, 10))).toBe(0);
    expect(spanOverlap(s(0, 10), s(2, 4))).toBe(2);
  });

  it('computes IoU, 0 for disjoint and for two empty spans', () => {
    expect(spanIou(s(0, 5), s(3, 10))).toBe(2 / 10);
    expect(spanIou(s(2, 6), s(2, 6))).toBe(1);
    expect(spanIou(s(0, 3), s(3, 6))).toBe(0);
    expect(spanIou(s(4, 4), s(4, 4))).toBe(0);
  });

  it('treats touching and empty spans as not overlapping', () => {
    expect(spansOverlap(s(0, 3), s(3, 5))).toBe(false);
    expect(spansOverlap(s(0, 4), s(3, 5))).toBe(true);
    expect(spansOverlap(s(3, 3), s(0, 10))).toBe(false);
  });

  it('checks integer bounds within the text', () => {
    const text = 'héllo 👋'; // the emoji is 2 UTF-16 code units, length 8
    expect(spanInside(s(0, text.length), text.length)).toBe(true);
    expect(spanInside(s(6, 8), text.length)).toBe(true);
    expect(spanInside(s(6, 9), text.length)).toBe(false);
    expect(spanInside(s(-1, 2), 8)).toBe(false);
    expect(spanInside(s(3, 2), 8)).toBe(false);
    expect(spanInside(s(1.5, 2), 8)).toBe(false);
    expect(spanInside(s(4, 4), 8)).toBe(true);
  });

  it('properties: IoU in [0,1], symmetric, IoU(a,a) = 1, shift invariant; overlap ⇔ overlap length > 0', () => {
    const span = fc
      .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 50 }))
      .map(([start, len]) => s(start, start + len));
    fc.assert(
      fc.property(span, span, fc.integer({ min: 0, max: 10_000 }), (a, b, k) => {
        const iou = spanIou(a, b);
        expect(iou).toBeGreaterThanOrEqual(0);
        expect(iou).toBeLessThanOrEqual(1);
        expect(spanIou(b, a)).toBe(iou);
        expect(spanIou(a, a)).toBe(1);
        expect(spanIou(s(a.start + k, a.end + k), s(b.start + k, b.end + k))).toBe(iou);
        expect(spansOverlap(a, b)).toBe(spanOverlap(a, b) > 0);
        expect(spanOverlap(a, b)).toBeLessThanOrEqual(Math.min(spanLength(a), spanLength(b)));
      }),
    );
  });
});
