import type { Box, Point } from '@tessera/geometry';
import type { IrImage, IrObject } from '../ir';
import type { IssueLog, Position } from '../issue';

function at(position: Position, field: string): Position {
  return { ...position, path: `${position.path ?? ''}/${field}` };
}

function outside(p: Point, image: IrImage): boolean {
  return p.x < 0 || p.y < 0 || p.x > image.width || p.y > image.height;
}

/** The box clipped to the image, or undefined when nothing of it is inside. */
export function clipBox(b: Box, width: number, height: number): Box | undefined {
  if (b.x >= 0 && b.y >= 0 && b.x + b.w <= width && b.y + b.h <= height) return b;
  const x0 = Math.max(0, b.x);
  const y0 = Math.max(0, b.y);
  const x1 = Math.min(width, b.x + b.w);
  const y1 = Math.min(height, b.y + b.h);
  if (x1 < x0 || y1 < y0 || (x1 === x0 && b.w > 0) || (y1 === y0 && b.h > 0)) return undefined;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/**
 * Checks an object against its image: a box wholly outside is an error (the object is dropped); a box partly
 * outside is clipped with a `box_clipped` warning; a mask of another size is an error; polygon or keypoint
 * vertices outside are kept with a warning.
 */
export function checkAgainstImage(
  object: IrObject,
  image: IrImage,
  position: Position,
  log: IssueLog,
): IrObject | undefined {
  let out = object;
  if (object.box !== undefined) {
    const b = object.box;
    const clipped = clipBox(b, image.width, image.height);
    if (clipped === undefined) {
      log.error(
        'box_outside_image',
        `bbox lies outside the ${image.width}×${image.height} image`,
        at(position, 'bbox'),
      );
      return undefined;
    }
    if (clipped !== b) {
      log.warn(
        'box_clipped',
        `bbox [${b.x}, ${b.y}, ${b.w}, ${b.h}] clipped to the ${image.width}×${image.height} image`,
        at(position, 'bbox'),
      );
      out = { ...out, box: clipped };
    }
  }
  if (object.mask !== undefined) {
    const [h, w] = object.mask.size;
    if (h !== image.height || w !== image.width) {
      log.error(
        'mask_size_mismatch',
        `RLE size [${h}, ${w}] is not the image's [${image.height}, ${image.width}]`,
        at(position, 'segmentation'),
      );
      return undefined;
    }
  }
  if (object.polygons?.some((ring) => ring.some((p) => outside(p, image))))
    log.warn('outside_image', 'a polygon vertex lies outside the image (kept)', at(position, 'segmentation'));
  if (object.keypoints?.some((k) => k.v > 0 && outside(k, image)))
    log.warn('outside_image', 'a keypoint lies outside the image (kept)', at(position, 'keypoints'));
  return out;
}
