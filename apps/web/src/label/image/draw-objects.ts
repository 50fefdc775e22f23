import { geometryBounds, type Viewport, type ViewSize, visibleImageRect } from '@tessera/editor';
import type { Box } from '@tessera/geometry';
import type { LabeledObject } from '@tessera/schema';
import type { Overlay } from '../workspace';
import { addOutlinePath, addPointPath, type Paint } from './paint';

/** What the objects layer shows: every object not drawn by the selection layer, over the review overlays. */
export interface ObjectsScene {
  readonly objects: readonly LabeledObject[];
  /** Ids drawn by the selection layer instead (the selection), so dragging them leaves this layer alone. */
  readonly skip: ReadonlySet<string>;
  readonly overlays: readonly Overlay[];
  readonly colorOf: (classId: string) => string;
  readonly viewport: Viewport;
  readonly view: ViewSize;
}

interface GroupStyle {
  readonly fillAlpha: number;
  readonly lineWidth: number;
  readonly dash: number[];
}

const OBJECT_STYLE: GroupStyle = { fillAlpha: 0.18, lineWidth: 1.5, dash: [] };
const OVERLAY_STYLE: GroupStyle = { fillAlpha: 0.06, lineWidth: 1.5, dash: [6, 4] };

function intersects(a: Box, b: Box): boolean {
  return a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;
}

/**
 * Draws one color's objects as a single path: one fill and one stroke for all of them, however many there
 * are (2,000 boxes in a few colors cost a few canvas calls, not thousands). Returns how many were drawn.
 */
function drawGroup(
  paint: Paint,
  objects: readonly LabeledObject[],
  color: string,
  style: GroupStyle,
  scene: ObjectsScene,
  visible: Box,
): number {
  const v = scene.viewport;
  let outlines = 0;
  let points = 0;
  paint.beginPath();
  for (const o of objects) {
    if (!intersects(geometryBounds(o.geometry), visible)) continue;
    if (addOutlinePath(paint, o.geometry, v)) outlines++;
  }
  paint.setLineDash(style.dash);
  paint.fillStyle = color;
  paint.strokeStyle = color;
  paint.lineWidth = style.lineWidth;
  if (outlines > 0) {
    paint.globalAlpha = style.fillAlpha;
    paint.fill();
    paint.globalAlpha = 1;
    paint.stroke();
  }
  paint.beginPath();
  for (const o of objects) {
    if (o.geometry.type !== 'point' || !intersects(geometryBounds(o.geometry), visible)) continue;
    addPointPath(paint, o.geometry, v);
    points++;
  }
  if (points > 0) {
    paint.fill();
    paint.strokeStyle = '#ffffff';
    paint.lineWidth = 1;
    paint.stroke();
  }
  return outlines + points;
}

function byColor(objects: Iterable<LabeledObject>, colorOf: (classId: string) => string) {
  const groups = new Map<string, LabeledObject[]>();
  for (const o of objects) {
    const color = colorOf(o.class_id);
    const group = groups.get(color);
    if (group === undefined) groups.set(color, [o]);
    else group.push(o);
  }
  return groups;
}

/** Draws the overlays (dashed, in each overlay's color) and then the editable objects in class colors. */
export function drawObjects(paint: Paint, scene: ObjectsScene): number {
  const rect = visibleImageRect(scene.viewport, scene.view);
  const margin = 8 / scene.viewport.scale;
  const visible = { x: rect.x - margin, y: rect.y - margin, w: rect.w + 2 * margin, h: rect.h + 2 * margin };
  let drawn = 0;
  paint.save();
  for (const overlay of scene.overlays) {
    drawn += drawGroup(paint, overlay.payload.objects, overlay.color, OVERLAY_STYLE, scene, visible);
  }
  const own = scene.skip.size === 0 ? scene.objects : scene.objects.filter((o) => !scene.skip.has(o.id));
  for (const [color, group] of byColor(own, scene.colorOf)) {
    drawn += drawGroup(paint, group, color, OBJECT_STYLE, scene, visible);
  }
  paint.restore();
  return drawn;
}
