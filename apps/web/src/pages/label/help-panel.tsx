import { ShortcutTable } from '../../components/shortcut-table';
import type { ShortcutRow } from '../../label/label-keys';

/** The guidelines of the task's ontology version (text, line breaks kept) and the shortcuts sheet. */
export function HelpPanel(props: {
  readonly guidelines: string;
  readonly sections: readonly { readonly title: string; readonly rows: readonly ShortcutRow[] }[];
  readonly onClose: () => void;
}) {
  return (
    <aside className="label-help card" aria-label="Guidelines and shortcuts">
      <div className="row label-help-head">
        <h3>Guidelines</h3>
        <span className="spacer" />
        <button type="button" onClick={props.onClose} data-testid="guidelines-close" title="Close (G)">
          ×
        </button>
      </div>
      <div className="label-guidelines" data-testid="guidelines">
        {props.guidelines.trim() === '' ? (
          <p className="muted">This ontology has no guidelines.</p>
        ) : (
          props.guidelines
        )}
      </div>
      <div data-testid="shortcuts">
        {props.sections
          .filter((s) => s.rows.length > 0)
          .map((section) => (
            <section key={section.title}>
              <h3>{section.title}</h3>
              <ShortcutTable rows={section.rows} className="label-shortcuts" />
            </section>
          ))}
      </div>
    </aside>
  );
}
