import {
  classColor,
  findObject,
  geometryBounds,
  HIT_TOLERANCE_PX,
  type ImageOntology,
  type ObjectHandle,
  objectHandles,
  selectedObjects,
  toolDraft,
} from '@tessera/editor';
import type { Geometry } from '@tessera/schema';
import type { FrameInput } from './dirty-layers';
import type { ObjectsScene } from './draw-objects';
import type { SelectionScene } from './draw-selection';

const NONE: ReadonlySet<string> = new Set();

/** Below this size on screen (pixels) only corners and vertices get handles; the rest would crowd it. */
const CROWDED_PX = 40;

function handlesToDraw(g: Geometry, scale: number): readonly ObjectHandle[] {
  const handles = objectHandles(g);
  const b = geometryBounds(g);
  if (Math.min(b.w, b.h) * scale >= CROWDED_PX) return handles;
  return handles.filter(
    (h) => h.hit.kind === 'vertex' || (h.hit.kind === 'box' && h.hit.handle.length === 2),
  );
}

/** The objects layer's scene for a frame (nothing while hidden: H hides the overlays too). */
export function objectsSceneOf(input: FrameInput<unknown>, ontology: ImageOntology): ObjectsScene {
  const { state } = input;
  const doc = state.history.present;
  return {
    objects: state.hidden ? [] : doc.objects,
    skip: doc.selection.length === 0 ? NONE : new Set(doc.selection),
    overlays: state.hidden ? [] : input.overlays,
    colorOf: (classId) => classColor(ontology, classId),
    viewport: state.viewport,
    view: state.view,
  };
}

/** The selection layer's scene: selected and hovered objects, handles, the class label, the drawing. */
export function selectionSceneOf(input: FrameInput<unknown>, ontology: ImageOntology): SelectionScene {
  const { state } = input;
  const doc = state.history.present;
  const selected = state.hidden ? [] : selectedObjects(doc);
  const sole = selected.length === 1 ? selected[0] : undefined;
  const hoverId = state.tool.tool === 'select' && !state.hidden ? state.tool.hover.id : null;
  const hover = hoverId === null || doc.selection.includes(hoverId) ? undefined : findObject(doc, hoverId);
  return {
    selected,
    hover: hover ?? null,
    handles: sole === undefined || state.readOnly ? [] : handlesToDraw(sole.geometry, state.viewport.scale),
    label: sole === undefined ? null : (ontology.classes.get(sole.class_id)?.name ?? sole.class_id),
    draft: toolDraft(state.tool, HIT_TOLERANCE_PX / state.viewport.scale),
    draftColor: classColor(ontology, state.classId ?? ''),
    colorOf: (classId) => classColor(ontology, classId),
    viewport: state.viewport,
  };
}
