import {
  geometryBounds,
  imageToScreen,
  type ObjectHandle,
  type ToolDraft,
  type Viewport,
} from '@tessera/editor';
import type { LabeledObject } from '@tessera/schema';
import { addOutlinePath, addPointPath, type Paint, POINT_RADIUS } from './paint';

/** What the top layer shows: the hovered and selected objects, the handles, the label and the drawing. */
export interface SelectionScene {
  readonly selected: readonly LabeledObject[];
  /** The object under the pointer (not selected), outlined more strongly. */
  readonly hover: LabeledObject | null;
  /** Handles of the single selected object (none when several are selected, or read-only). */
  readonly handles: readonly ObjectHandle[];
  /** The class name shown at the single selected object. */
  readonly label: string | null;
  readonly draft: ToolDraft | null;
  readonly draftColor: string;
  readonly colorOf: (classId: string) => string;
  readonly viewport: Viewport;
}

const HANDLE_SIZE = 8;

function outline(
  paint: Paint,
  o: LabeledObject,
  scene: SelectionScene,
  width: number,
  fillAlpha: number,
): void {
  const color = scene.colorOf(o.class_id);
  paint.fillStyle = color;
  paint.strokeStyle = color;
  paint.lineWidth = width;
  paint.beginPath();
  if (o.geometry.type === 'point') {
    addPointPath(paint, o.geometry, scene.viewport, POINT_RADIUS + 2);
    paint.fill();
    paint.strokeStyle = '#ffffff';
    paint.stroke();
    return;
  }
  addOutlinePath(paint, o.geometry, scene.viewport);
  paint.globalAlpha = fillAlpha;
  paint.fill();
  paint.globalAlpha = 1;
  paint.stroke();
}

function drawHandles(paint: Paint, scene: SelectionScene, color: string): void {
  paint.lineWidth = 1.5;
  paint.strokeStyle = color;
  for (const h of scene.handles) {
    const s = imageToScreen(scene.viewport, h.point);
    paint.fillStyle = '#ffffff';
    if (h.hit.kind === 'box') {
      const half = HANDLE_SIZE / 2;
      paint.fillRect(s.x - half, s.y - half, HANDLE_SIZE, HANDLE_SIZE);
      paint.strokeRect(s.x - half, s.y - half, HANDLE_SIZE, HANDLE_SIZE);
      continue;
    }
    paint.beginPath();
    paint.arc(s.x, s.y, h.hit.kind === 'vertex' ? 4 : 3, 0, 2 * Math.PI);
    paint.globalAlpha = h.hit.kind === 'vertex' ? 1 : 0.7;
    paint.fill();
    paint.stroke();
    paint.globalAlpha = 1;
  }
}

function drawLabel(paint: Paint, o: LabeledObject, text: string, scene: SelectionScene): void {
  const b = geometryBounds(o.geometry);
  const s = imageToScreen(scene.viewport, { x: b.x, y: b.y });
  paint.font = '12px system-ui, sans-serif';
  const width = text.length * 7 + 8;
  const y = Math.max(0, s.y - 18);
  paint.fillStyle = scene.colorOf(o.class_id);
  paint.fillRect(s.x, y, width, 16);
  paint.fillStyle = '#ffffff';
  paint.fillText(text, s.x + 4, y + 12);
}

function drawDraft(paint: Paint, draft: ToolDraft, scene: SelectionScene): void {
  const v = scene.viewport;
  paint.strokeStyle = scene.draftColor;
  paint.fillStyle = scene.draftColor;
  paint.lineWidth = 1.5;
  paint.setLineDash([5, 4]);
  paint.beginPath();
  if (draft.kind === 'box') {
    addOutlinePath(paint, { type: 'box', ...draft.box }, v);
    paint.stroke();
    return;
  }
  const [first, ...rest] = draft.points;
  if (first === undefined) return;
  const f = imageToScreen(v, first);
  paint.moveTo(f.x, f.y);
  for (const p of [...rest, ...(draft.cursor === null ? [] : [draft.cursor])]) {
    const s = imageToScreen(v, p);
    paint.lineTo(s.x, s.y);
  }
  paint.stroke();
  paint.setLineDash([]);
  paint.beginPath();
  for (const p of draft.points) addPointPath(paint, p, v, 3);
  paint.fill();
  if (draft.closing) {
    paint.beginPath();
    paint.arc(f.x, f.y, 7, 0, 2 * Math.PI);
    paint.stroke();
  }
}

export function drawSelection(paint: Paint, scene: SelectionScene): void {
  paint.save();
  if (scene.hover !== null) outline(paint, scene.hover, scene, 3, 0.18);
  for (const o of scene.selected) outline(paint, o, scene, 2, 0.3);
  const sole = scene.selected.length === 1 ? scene.selected[0] : undefined;
  if (sole !== undefined) {
    drawHandles(paint, scene, scene.colorOf(sole.class_id));
    if (scene.label !== null) drawLabel(paint, sole, scene.label, scene);
  }
  if (scene.draft !== null) drawDraft(paint, scene.draft, scene);
  paint.restore();
}
