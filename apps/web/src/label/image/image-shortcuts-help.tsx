import { IMAGE_SHORTCUTS } from '@tessera/editor';
import { memo } from 'react';
import { ShortcutTable } from '../../components/shortcut-table';

/** The image shortcuts, folded under the side panel (static: never re-renders). */
export const ImageShortcutsHelp = memo(function ImageShortcutsHelp() {
  return (
    <details className="iw-help" data-testid="image-shortcuts">
      <summary>Keyboard</summary>
      <ShortcutTable rows={IMAGE_SHORTCUTS} />
    </details>
  );
});
