import type { AttributesDiffView, FieldChangeView, ItemRef, OntologyDiffView } from './parse-diff';
import { isDiffEmpty } from './parse-diff';

const label = (item: ItemRef): string =>
  item.name !== '' && item.name !== item.id ? `${item.id} (${item.name})` : item.id;

function Changes(props: { readonly changes: readonly FieldChangeView[] }) {
  return (
    <ul>
      {props.changes.map((c) => (
        <li key={c.field}>
          {c.field}: <del>{c.before}</del> → <ins>{c.after}</ins>
        </li>
      ))}
    </ul>
  );
}

function Items(props: {
  readonly title: string;
  readonly items: readonly ItemRef[];
  readonly kind: 'add' | 'remove';
}) {
  if (props.items.length === 0) return null;
  return (
    <p className={`ont-diff-${props.kind}`}>
      {props.title}: {props.items.map(label).join(', ')}
    </p>
  );
}

function AttributesDiff(props: { readonly diff: AttributesDiffView; readonly prefix: string }) {
  const { diff, prefix } = props;
  return (
    <>
      <Items title={`${prefix} added`} items={diff.added} kind="add" />
      <Items title={`${prefix} removed`} items={diff.removed} kind="remove" />
      {diff.changed.map((a) => (
        <div key={a.id}>
          {prefix} <code>{a.id}</code> changed:
          <Changes changes={a.changes} />
        </div>
      ))}
    </>
  );
}

function GuidelinesDiff(props: { readonly diff: OntologyDiffView }) {
  const { diff } = props;
  if (!diff.guidelinesChanged) return null;
  return (
    <>
      <h3>Guidelines</h3>
      <pre className="ont-line-diff">
        {diff.guidelinesDiff.map((line, i) => {
          const kind = line.startsWith('+')
            ? 'add'
            : line.startsWith('-')
              ? 'remove'
              : line.startsWith('@@')
                ? 'hunk'
                : 'same';
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: diff lines are positional
            <span key={i} className={`ont-diff-${kind}`}>
              {line}
              {'\n'}
            </span>
          );
        })}
      </pre>
      {diff.guidelinesDiffTruncated ? <p className="muted">(diff cut after 200 lines)</p> : null}
    </>
  );
}

/** What changed between two versions, grouped: classes, their attributes, global attributes, guidelines. */
export function DiffView(props: { readonly diff: OntologyDiffView }) {
  const { diff } = props;
  return (
    <div className="ont-diff" data-testid="ontology-diff-view">
      <h3>
        Changes from v{diff.from ?? '?'} to v{diff.to ?? '?'}
      </h3>
      {isDiffEmpty(diff) ? <p className="muted">No changes.</p> : null}
      <Items title="Classes added" items={diff.classes.added} kind="add" />
      <Items title="Classes removed" items={diff.classes.removed} kind="remove" />
      {diff.classes.changed.map((c) => (
        <div key={c.id} className="ont-diff-class">
          Class <code>{c.id}</code> changed:
          <Changes changes={c.changes} />
          <AttributesDiff diff={c.attributes} prefix="attribute" />
        </div>
      ))}
      <AttributesDiff diff={diff.globalAttributes} prefix="Global attribute" />
      <GuidelinesDiff diff={diff} />
    </div>
  );
}
