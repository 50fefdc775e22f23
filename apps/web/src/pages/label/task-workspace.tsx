import { IMAGE_SHORTCUTS, TEXT_SHORTCUTS } from '@tessera/editor';
import { DOCUMENT_SHORTCUTS } from '../../label/document/document-keys';
import { DocumentWorkspace } from '../../label/document/document-workspace';
import { ImageWorkspace } from '../../label/image/image-workspace';
import type { ShortcutRow } from '../../label/label-keys';
import { TextWorkspace } from '../../label/text/text-workspace';
import type { ItemView, WorkspaceProps } from '../../label/workspace';

/** The modality's workspace for the item: images on the canvas, texts as spans, documents as PDF pages. */
export function TaskWorkspace(props: WorkspaceProps) {
  if (props.item.kind === 'document') return <DocumentWorkspace {...props} />;
  return props.item.kind === 'image' ? <ImageWorkspace {...props} /> : <TextWorkspace {...props} />;
}

/** The keys of the workspace that shows `item`, for the shortcuts sheet. */
export function workspaceShortcuts(item: ItemView | null): readonly ShortcutRow[] {
  if (item === null) return [];
  if (item.kind === 'document') return DOCUMENT_SHORTCUTS;
  return item.kind === 'image' ? IMAGE_SHORTCUTS : TEXT_SHORTCUTS;
}
