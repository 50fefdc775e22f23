import { TEXT_SHORTCUTS } from '@tessera/editor';
import { ShortcutTable } from '../../components/shortcut-table';
import type { Overlay } from '../workspace';

/** Who the dashed underlines belong to (review: the consensus annotators). */
export function OverlayLegend(props: { readonly overlays: readonly Overlay[] | undefined }) {
  if (props.overlays === undefined || props.overlays.length === 0) return null;
  return (
    <div className="tw-legend" data-testid="text-overlay-legend">
      {props.overlays.map((o) => (
        <span key={o.label} className="tw-legend-item">
          <span className="tw-legend-line" style={{ borderColor: o.color }} />
          {o.label}
        </span>
      ))}
    </div>
  );
}

/** The keyboard table (`TEXT_SHORTCUTS`), folded away by default. */
export function ShortcutHelp() {
  return (
    <details className="tw-help" data-testid="text-shortcuts">
      <summary>Keyboard</summary>
      <ShortcutTable rows={TEXT_SHORTCUTS} />
    </details>
  );
}
