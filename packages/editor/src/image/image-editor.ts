import type { Point } from '@tessera/geometry';
import type { AnnotationPayload } from '@tessera/schema';
import { createHistory, type History, pushState } from '../history';
import { hitIndexFor, hitTestIndex } from './hit-index';
import { createImageDocument, type ImageDocument } from './image-document';
import type { ImageOntology } from './image-ontology';
import type { ToolContext } from './tool-types';
import { initialToolState, type ToolState } from './tools';
import { IDENTITY_VIEWPORT, type Viewport, type ViewSize } from './viewport';

/**
 * One image workspace's editor: the document history, the active tool and class, and the view. A plain
 * immutable value; every function here and in the `image-editor-*` files returns the next one, so the canvas
 * binding just renders whatever state it holds.
 */
export interface ImageEditorState {
  readonly history: History<ImageDocument>;
  readonly tool: ToolState;
  /** The class new objects get. */
  readonly classId: string | null;
  /** H: objects are neither drawn nor hit-tested. */
  readonly hidden: boolean;
  readonly readOnly: boolean;
  readonly viewport: Viewport;
  /** ViewSize of the canvas in screen pixels (0 × 0 until the page lays it out). */
  readonly view: ViewSize;
  /** True while the view follows fit-to-screen (a resize refits); zooming or panning ends it. */
  readonly fitted: boolean;
  /** Counts pointer presses, so each gesture's merge keys are its own. */
  readonly gesture: number;
  /** The last pointer position (screen pixels) while panning with space+drag or the middle button. */
  readonly panFrom: Point | null;
  readonly spaceHeld: boolean;
}

/** What the editor needs from outside: the ontology and a source of fresh object ids. */
export interface ImageEditorEnv {
  readonly ontology: ImageOntology;
  readonly newId: () => string;
}

export interface ImageEditorOptions {
  readonly payload: AnnotationPayload;
  readonly width: number;
  readonly height: number;
  readonly ontology: ImageOntology;
  readonly readOnly?: boolean;
}

/** Handle and outline hit distance, in screen pixels. */
export const HIT_TOLERANCE_PX = 6;
/** The smallest box a drag creates, in screen pixels. */
export const MIN_BOX_PX = 3;

export function createImageEditor(options: ImageEditorOptions): ImageEditorState {
  return {
    history: createHistory(createImageDocument(options.payload, options.width, options.height)),
    tool: initialToolState('select'),
    classId: options.ontology.objectClasses[0]?.id ?? null,
    hidden: false,
    readOnly: options.readOnly ?? false,
    viewport: IDENTITY_VIEWPORT,
    view: { width: 0, height: 0 },
    fitted: true,
    gesture: 0,
    panFrom: null,
    spaceHeld: false,
  };
}

export const currentDocument = (state: ImageEditorState): ImageDocument => state.history.present;

/**
 * Records `doc` as the current document. A change of the selection alone replaces the present state (it is
 * not an undo step); a change of the objects is a step, merged with the previous one when `mergeKey` repeats.
 * Read-only editors accept selection changes only.
 */
export function commitDocument(
  state: ImageEditorState,
  doc: ImageDocument,
  mergeKey: string | null = null,
): ImageEditorState {
  const present = state.history.present;
  if (doc === present) return state;
  const selectionOnly = doc.objects === present.objects && doc.rest === present.rest;
  if (selectionOnly) {
    return { ...state, history: { ...state.history, present: doc, lastMergeKey: null } };
  }
  if (state.readOnly) return state;
  return { ...state, history: pushState(state.history, doc, mergeKey) };
}

/** The tool context for the current state: tolerances follow the zoom; hidden objects cannot be hit. */
export function toolContext(state: ImageEditorState, env: ImageEditorEnv): ToolContext {
  const doc = state.history.present;
  const tolerance = HIT_TOLERANCE_PX / state.viewport.scale;
  return {
    doc,
    ontology: env.ontology,
    classId: state.classId,
    tolerance,
    minSize: MIN_BOX_PX / state.viewport.scale,
    hitTest: (p) =>
      state.hidden ? -1 : hitTestIndex(hitIndexFor(doc.objects, doc.width, doc.height), p, tolerance),
    newId: env.newId,
    canEdit: !state.readOnly,
  };
}
