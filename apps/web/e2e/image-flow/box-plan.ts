import type { Box } from '@tessera/geometry';

/** What one annotator put on one task: a box in image pixels, its class and its attributes. */
export interface Drawn {
  readonly box: Box;
  readonly classId: string;
  readonly attributes: Readonly<Record<string, string | boolean>>;
}

/** The annotators, in the order they label; the second draws a pixel or so off the first. */
export type AnnotatorIndex = 0 | 1;

const COLORS = ['red', 'blue', 'white'] as const;

/**
 * The box an annotator draws on an image of `width` × `height`, in whole image pixels: the middle part of the
 * image for the first annotator, shifted by a pixel and grown by two or three for the second (IoU far above 0.5; the mean of the two
 * boxes is more than a pixel away from either, so the comparison with the consensus tells them apart).
 */
export function plannedBox(
  size: { readonly width: number; readonly height: number },
  who: AnnotatorIndex,
): Box {
  const base = {
    x: Math.round(size.width * 0.2),
    y: Math.round(size.height * 0.25),
    w: Math.round(size.width * 0.45),
    h: Math.round(size.height * 0.4),
  };
  return who === 0 ? base : { x: base.x + 1, y: base.y - 1, w: base.w + 3, h: base.h + 2 };
}

/**
 * The attributes both annotators give the task of the `n`-th image: `occluded` alternates true and false
 * (false is set explicitly: check, then uncheck), the optional `color` is set on every third image only.
 */
export function plannedAttributes(n: number): Record<string, string | boolean> {
  const occluded = n % 2 === 0;
  return n % 3 === 0 ? { occluded, color: COLORS[(n / 3) % COLORS.length] as string } : { occluded };
}

/** How packages/core/src/consensus/aggregate.ts merges matched boxes: the mean of x, y, w and h. */
export function meanBox(boxes: readonly Box[]): Box {
  const mean = (k: keyof Box) => boxes.reduce((s, b) => s + b[k], 0) / boxes.length;
  return { x: mean('x'), y: mean('y'), w: mean('w'), h: mean('h') };
}

/** The largest difference of one coordinate between two boxes, in pixels. */
export function boxDistance(a: Box, b: Box): number {
  return Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y), Math.abs(a.w - b.w), Math.abs(a.h - b.h));
}
