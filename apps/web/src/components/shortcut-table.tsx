import type { ShortcutRow } from '../label/label-keys';

/** A keyboard sheet (static rows: the editors' `IMAGE_SHORTCUTS`, `TEXT_SHORTCUTS`, the pages' own). */
export function ShortcutTable(props: { readonly rows: readonly ShortcutRow[]; readonly className?: string }) {
  return (
    <table className={props.className}>
      <tbody>
        {props.rows.map((row) => (
          <tr key={`${row.keys} ${row.action}`}>
            <td>
              <kbd>{row.keys}</kbd>
            </td>
            <td>{row.action}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
