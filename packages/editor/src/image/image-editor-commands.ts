import type { AnnotationPayload, AttributeValues } from '@tessera/schema';
import { redo, undo } from '../history';
import { cycleSelection, replacePayload, selectObjects } from './image-document';
import { commitDocument, type ImageEditorEnv, type ImageEditorState, toolContext } from './image-editor';
import { fitView, revealSelection, zoomView } from './image-editor-view';
import { classAllows, objectKindsOf } from './image-ontology';
import type { ImageCommand } from './image-shortcuts';
import {
  changeObjectsClass,
  deleteObjects,
  duplicateObjects,
  moveObjects,
  setObjectAttributes,
} from './object-edits';
import { copyAllFrom } from './payload-import';
import { type ToolName, toolKind } from './tool-types';
import { initialToolState, toolBusy, toolKey } from './tools';

/**
 * The editor's commands: what a shortcut, a toolbar button or the side panel asks for. Each returns the next
 * state (the same one when the command does not apply).
 */

/** Switches tool. A drawing tool whose geometry the current class does not allow picks the first class that does. */
export function setImageTool(state: ImageEditorState, tool: ToolName, env: ImageEditorEnv): ImageEditorState {
  if (state.readOnly && tool !== 'select') return state;
  const kind = toolKind(tool);
  let classId = state.classId;
  if (kind !== null && !classAllows(env.ontology, classId, kind)) {
    classId = env.ontology.objectClasses.find((c) => c.geometries.includes(kind))?.id ?? classId;
  }
  if (tool === state.tool.tool && classId === state.classId) return state;
  return { ...state, tool: initialToolState(tool), classId };
}

/**
 * Picks the class for new objects. When the active drawing tool cannot draw that class, the tool switches to
 * the class's first geometry (pressing a point class's digit while on the box tool gives the point tool).
 */
export function setImageClass(
  state: ImageEditorState,
  classId: string,
  env: ImageEditorEnv,
): ImageEditorState {
  const cls = env.ontology.classes.get(classId);
  const kinds = cls === undefined ? [] : objectKindsOf(cls);
  const first = kinds[0];
  if (first === undefined) return state;
  const kind = toolKind(state.tool.tool);
  if (kind === null || kinds.includes(kind) || state.readOnly) return { ...state, classId };
  return { ...state, classId, tool: initialToolState(first) };
}

/** Undo; while a polygon is being drawn it removes the last vertex instead, and mid-drag it waits. */
export function undoImage(state: ImageEditorState, env: ImageEditorEnv): ImageEditorState {
  if (state.tool.tool === 'polygon' && toolBusy(state.tool)) {
    return { ...state, tool: toolKey(state.tool, 'Backspace', toolContext(state, env)).state };
  }
  if (toolBusy(state.tool)) return state;
  const history = undo(state.history);
  return history === state.history ? state : { ...state, history };
}

export function redoImage(state: ImageEditorState): ImageEditorState {
  if (toolBusy(state.tool)) return state;
  const history = redo(state.history);
  return history === state.history ? state : { ...state, history };
}

const doc = (state: ImageEditorState) => state.history.present;

export function selectObjectIds(state: ImageEditorState, ids: readonly string[]): ImageEditorState {
  return commitDocument(state, selectObjects(doc(state), ids));
}

export function deleteSelection(state: ImageEditorState): ImageEditorState {
  return commitDocument(state, deleteObjects(doc(state), doc(state).selection));
}

export function duplicateSelection(state: ImageEditorState, env: ImageEditorEnv): ImageEditorState {
  return commitDocument(state, duplicateObjects(doc(state), doc(state).selection, env.newId));
}

/** Arrow keys. Consecutive nudges of the same selection are one undo step (holding a key repeats it). */
export function nudgeSelection(state: ImageEditorState, dx: number, dy: number): ImageEditorState {
  const selection = doc(state).selection;
  return commitDocument(state, moveObjects(doc(state), selection, dx, dy), `nudge:${selection.join(',')}`);
}

export function cycleObjects(state: ImageEditorState, direction: 1 | -1): ImageEditorState {
  if (state.hidden) return state;
  return revealSelection(commitDocument(state, cycleSelection(doc(state), direction)));
}

/** H. Hiding also clears the selection, so no key acts on objects the annotator cannot see. */
export function toggleHidden(state: ImageEditorState): ImageEditorState {
  const next = { ...state, hidden: !state.hidden };
  return next.hidden ? commitDocument(next, selectObjects(doc(next), [])) : next;
}

/** Changes the class of the selected objects (those whose geometry the class allows). */
export function changeSelectedClass(
  state: ImageEditorState,
  classId: string,
  env: ImageEditorEnv,
): ImageEditorState {
  return commitDocument(state, changeObjectsClass(doc(state), doc(state).selection, classId, env.ontology));
}

/** The side panel's attribute form. Edits of the same attributes of one object in a row are one step. */
export function editObjectAttributes(
  state: ImageEditorState,
  id: string,
  values: AttributeValues,
): ImageEditorState {
  const keys = Object.keys(values).sort().join(',');
  return commitDocument(state, setObjectAttributes(doc(state), id, values), `attributes:${id}:${keys}`);
}

/** Replaces the whole payload (clear, restore a draft, copy from the previous task) as one undo step. */
export function replaceImagePayload(state: ImageEditorState, payload: AnnotationPayload): ImageEditorState {
  const next = commitDocument(state, replacePayload(doc(state), payload));
  return next === state ? state : { ...next, tool: initialToolState(state.tool.tool) };
}

/** Adds the objects of another payload (the previous task) on top, as one undo step. */
export function copyFromPayload(
  state: ImageEditorState,
  payload: AnnotationPayload,
  env: ImageEditorEnv,
): ImageEditorState {
  return commitDocument(state, copyAllFrom(doc(state), payload, env));
}

export function applyImageCommand(
  state: ImageEditorState,
  command: ImageCommand,
  env: ImageEditorEnv,
): ImageEditorState {
  switch (command.type) {
    case 'tool':
      return setImageTool(state, command.tool, env);
    case 'class':
      return setImageClass(state, command.classId, env);
    case 'undo':
      return undoImage(state, env);
    case 'redo':
      return redoImage(state);
    case 'delete':
      return deleteSelection(state);
    case 'duplicate':
      return duplicateSelection(state, env);
    case 'nudge':
      return nudgeSelection(state, command.dx, command.dy);
    case 'cycle':
      return cycleObjects(state, command.direction);
    case 'fit':
      return fitView(state);
    case 'zoom':
      return zoomView(state, command.factor);
    case 'toggle-hidden':
      return toggleHidden(state);
  }
}
