import type { OntologyVersionDto } from '@tessera/schema';

/** Every version, newest first: draft or published, which one new tasks pin, when it was made. */
export function VersionList(props: {
  readonly versions: readonly OntologyVersionDto[];
  readonly current: number;
  readonly selected: number | null;
  readonly onSelect: (version: number) => void;
}) {
  const sorted = [...props.versions].sort((a, b) => b.version - a.version);
  return (
    <nav className="ont-versions" aria-label="Ontology versions">
      {sorted.length === 0 ? <p className="muted">No versions yet.</p> : null}
      {sorted.map((v) => (
        <button
          key={v.version}
          type="button"
          data-testid={`ontology-version-${v.version}`}
          aria-current={v.version === props.selected ? 'true' : undefined}
          className={v.version === props.selected ? 'ont-version active' : 'ont-version'}
          onClick={() => props.onSelect(v.version)}
        >
          <strong>v{v.version}</strong>{' '}
          <span className={v.published ? 'ont-badge published' : 'ont-badge draft'}>
            {v.published ? 'published' : 'draft'}
          </span>
          {v.version === props.current ? <span className="ont-badge current">in use</span> : null}
          <span className="muted ont-when">
            {new Date(v.published_at ?? v.created_at).toLocaleString()} · {v.definition.classes.length}{' '}
            classes
          </span>
        </button>
      ))}
    </nav>
  );
}
