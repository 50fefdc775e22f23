import type { Box, Point } from '@tessera/geometry';
import type { ImageDocument } from './image-document';
import type { ImageOntology, ObjectKind } from './image-ontology';

export type ToolName = 'select' | 'box' | 'polygon' | 'point';
export const TOOL_NAMES: readonly ToolName[] = ['select', 'box', 'polygon', 'point'];

/** The object geometry a drawing tool creates; null for the select tool. */
export function toolKind(tool: ToolName): ObjectKind | null {
  return tool === 'select' ? null : tool;
}

/** A pointer event as tools see it: image pixel coordinates and the modifiers that change a gesture. */
export interface ToolPointer {
  readonly x: number;
  readonly y: number;
  readonly shift: boolean;
  readonly alt: boolean;
}

/** Everything a tool reads besides its own state. */
export interface ToolContext {
  readonly doc: ImageDocument;
  readonly ontology: ImageOntology;
  /** The class new objects get (the class picker / digit keys). */
  readonly classId: string | null;
  /** How far from an outline or handle a click still counts, in image pixels (a few screen pixels). */
  readonly tolerance: number;
  /** The smallest box a drag creates, in image pixels (smaller drags are treated as clicks). */
  readonly minSize: number;
  /** Index of the object under `p` (−1: none; always −1 while objects are hidden). */
  readonly hitTest: (p: Point) => number;
  readonly newId: () => string;
  /** False in read-only mode: tools may change the selection but not the objects. */
  readonly canEdit: boolean;
}

/**
 * A new document a tool wants recorded. Edits with the same `mergeKey` inside one pointer gesture collapse
 * into one undo step (the session makes the key unique per gesture); an edit that only changes the
 * selection is not an undo step at all.
 */
export interface ToolEdit {
  readonly doc: ImageDocument;
  readonly mergeKey: string | null;
}

export interface ToolStep<S> {
  readonly state: S;
  readonly edit: ToolEdit | null;
}

export interface ToolKeyStep<S> extends ToolStep<S> {
  /** True when the tool used the key (so it is not also a global shortcut). */
  readonly handled: boolean;
}

/** What a tool is in the middle of drawing, for the canvas to show. */
export type ToolDraft =
  | { readonly kind: 'box'; readonly box: Box }
  | {
      readonly kind: 'polygon';
      readonly points: readonly Point[];
      readonly cursor: Point | null;
      /** True when a click at the cursor would close the polygon. */
      readonly closing: boolean;
    };

export const toolStay = <S>(state: S): ToolStep<S> => ({ state, edit: null });
