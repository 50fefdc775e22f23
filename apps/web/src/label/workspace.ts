import type { AnnotationPayload, OntologyDefinition } from '@tessera/schema';

/**
 * What a labeling workspace shows: the task's item as leased (`LeaseDto.item`), narrowed to what the tools
 * read. Images carry a URL (usually `/assets/<file>`) and, when known, their size in pixels; documents (PDF)
 * a URL and, when known, their page count (the item's `length`).
 */
export type ItemView =
  | {
      readonly kind: 'image';
      readonly url: string;
      readonly width: number | null;
      readonly height: number | null;
    }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'document'; readonly url: string; readonly pages: number | null };

/** Someone else's annotation drawn under the editable one (review: the consensus annotations). */
export interface Overlay {
  readonly label: string;
  readonly color: string;
  readonly payload: AnnotationPayload;
}

/**
 * The contract between the label/review pages (which lease, submit, persist drafts) and a modality's
 * workspace (which edits). A workspace is uncontrolled: it starts from `initial`, keeps its own undo history,
 * and reports every new state through `onChange`. Pages give it a `key` per task, so a new task is a new
 * workspace. The workspace edits the selected object's or span's class and attributes itself (with
 * `AttributesForm`); the page owns whole-item classes, global attributes and the required-attribute check.
 */
export interface WorkspaceProps {
  readonly item: ItemView;
  readonly ontology: OntologyDefinition;
  readonly initial: AnnotationPayload;
  readonly onChange: (next: AnnotationPayload) => void;
  readonly readOnly?: boolean;
  readonly overlays?: readonly Overlay[];
  /** Called once with the imperative handle (undo, redo, copy-from) the page's keyboard layer uses. */
  readonly onReady?: (handle: WorkspaceHandle) => void;
}

export interface WorkspaceHandle {
  undo(): void;
  redo(): void;
  /** Replaces the whole annotation (copy from the previous task, clear, restore a draft) as one undo step. */
  replace(next: AnnotationPayload): void;
}

/** The item of a lease, or null when the workspace cannot show it (the page says so, and offers skip). */
export function itemViewOf(item: Readonly<Record<string, unknown>> | null): ItemView | null {
  if (item === null) return null;
  const num = (v: unknown): number | null =>
    typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;
  if (item.media_type === 'image' && typeof item.uri === 'string') {
    return { kind: 'image', url: item.uri, width: num(item.width), height: num(item.height) };
  }
  if (item.media_type === 'text' && typeof item.text === 'string') return { kind: 'text', text: item.text };
  if (item.media_type === 'document' && typeof item.uri === 'string') {
    return { kind: 'document', url: item.uri, pages: num(item.length) };
  }
  return null;
}
