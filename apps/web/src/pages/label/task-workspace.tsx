import { IMAGE_SHORTCUTS, TEXT_SHORTCUTS } from '@tessera/editor';
import { ImageWorkspace } from '../../label/image/image-workspace';
import type { ShortcutRow } from '../../label/label-keys';
import { TextWorkspace } from '../../label/text/text-workspace';
import type { ItemView, WorkspaceProps } from '../../label/workspace';

/** The modality's workspace for the item: images on the canvas, texts as spans. */
export function TaskWorkspace(props: WorkspaceProps) {
  return props.item.kind === 'image' ? <ImageWorkspace {...props} /> : <TextWorkspace {...props} />;
}

/** The keys of the workspace that shows `item`, for the shortcuts sheet. */
export function workspaceShortcuts(item: ItemView | null): readonly ShortcutRow[] {
  if (item === null) return [];
  return item.kind === 'image' ? IMAGE_SHORTCUTS : TEXT_SHORTCUTS;
}
