import { DocumentWorkspace } from '../../label/document/document-workspace';
import { ImageWorkspace } from '../../label/image/image-workspace';
import { TextWorkspace } from '../../label/text/text-workspace';
import type { WorkspaceProps } from '../../label/workspace';

/** The modality's workspace for the item: images on the canvas, texts as spans, documents as PDF pages. */
export function ReviewWorkspace(props: WorkspaceProps) {
  if (props.item.kind === 'document') return <DocumentWorkspace {...props} />;
  return props.item.kind === 'image' ? <ImageWorkspace {...props} /> : <TextWorkspace {...props} />;
}
