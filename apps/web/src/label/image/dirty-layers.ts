import type { ImageEditorState } from '@tessera/editor';
import type { LabeledObject } from '@tessera/schema';
import type { Overlay } from '../workspace';

/** Everything a frame draws from. */
export interface FrameInput<I> {
  readonly state: ImageEditorState;
  readonly overlays: readonly Overlay[];
  /** The decoded image; null while loading. */
  readonly image: I | null;
}

/** Which of the three canvas layers a frame must redraw. */
export interface DirtyLayers {
  readonly image: boolean;
  readonly objects: boolean;
  readonly selection: boolean;
}

const ALL: DirtyLayers = { image: true, objects: true, selection: true };

function unselected(
  objects: readonly LabeledObject[],
  selection: readonly string[],
): readonly LabeledObject[] {
  if (selection.length === 0) return objects;
  const skip = new Set(selection);
  return objects.filter((o) => !skip.has(o.id));
}

/**
 * True when the objects layer would draw the same objects: the ones not selected are the very same values in
 * the same order. Moving or resizing the selection changes only the selected objects, so a drag redraws the
 * selection layer alone.
 */
export function sameUnselected(
  prev: { readonly objects: readonly LabeledObject[]; readonly selection: readonly string[] },
  next: { readonly objects: readonly LabeledObject[]; readonly selection: readonly string[] },
): boolean {
  if (prev.objects === next.objects && prev.selection === next.selection) return true;
  const a = unselected(prev.objects, prev.selection);
  const b = unselected(next.objects, next.selection);
  return a.length === b.length && a.every((o, i) => o === b[i]);
}

/** The layers that changed between two frames (all of them for the first frame). */
export function dirtyLayers<I>(prev: FrameInput<I> | null, next: FrameInput<I>): DirtyLayers {
  if (prev === null) return ALL;
  const a = prev.state;
  const b = next.state;
  const view = a.viewport !== b.viewport || a.view.width !== b.view.width || a.view.height !== b.view.height;
  const image = view || prev.image !== next.image;
  const objects =
    view ||
    a.hidden !== b.hidden ||
    prev.overlays !== next.overlays ||
    !sameUnselected(a.history.present, b.history.present);
  const selection =
    objects || a.history.present !== b.history.present || a.tool !== b.tool || a.classId !== b.classId;
  return { image, objects, selection };
}
