import { ImageWorkspace } from '../../label/image/image-workspace';
import { TextWorkspace } from '../../label/text/text-workspace';
import type { WorkspaceProps } from '../../label/workspace';

/** The modality's workspace for the item: images on the canvas, texts as spans. */
export function ReviewWorkspace(props: WorkspaceProps) {
  return props.item.kind === 'image' ? <ImageWorkspace {...props} /> : <TextWorkspace {...props} />;
}
