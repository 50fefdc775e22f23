import type { OntologyVersionDto } from '@tessera/schema';
import { useEffect, useState } from 'react';
import { useApi, useMe } from '../../api/api-context';
import { hasScope } from '../../api/session';
import { useLoad } from '../../api/use-load';
import { ErrorText } from '../../components/error-text';
import { EMPTY_DEFINITION } from './ontology-draft';
import { VersionList } from './version-list';
import { VersionWorkspace } from './version-workspace';
import './ontology.css';

const newest = (versions: readonly OntologyVersionDto[]): OntologyVersionDto | undefined =>
  versions.reduce<OntologyVersionDto | undefined>(
    (a, v) => (a === undefined || v.version > a.version ? v : a),
    undefined,
  );

/** Warns before the tab closes while the draft has unsaved changes. */
function useUnloadGuard(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
}

function NewDraftButton(props: {
  readonly project: string;
  readonly latest: OntologyVersionDto | undefined;
  readonly hasDraft: boolean;
  readonly onCreated: (version: number) => void;
}) {
  const { client } = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await client.createOntologyDraft({
        project: props.project,
        definition: props.latest?.definition ?? EMPTY_DEFINITION,
        migration: [],
      });
      props.onCreated(created.version);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const next = (props.latest?.version ?? 0) + 1;
  return (
    <div className="ont-new-draft">
      <button
        type="button"
        className="primary"
        data-testid="ontology-new-draft"
        disabled={busy || props.hasDraft}
        title={props.hasDraft ? 'Publish or edit the open draft first' : undefined}
        onClick={() => void create()}
      >
        {busy ? 'Creating…' : `New draft (v${next})`}
      </button>
      <p className="hint">
        {props.hasDraft
          ? 'One draft at a time: edit or publish the open draft.'
          : props.latest
            ? `Starts as a copy of v${props.latest.version}.`
            : 'Starts empty.'}
      </p>
      <ErrorText error={error} />
    </div>
  );
}

/**
 * Which version is on screen: the one picked, else the open draft, else the newest. Leaving a draft with
 * unsaved changes asks first (and so does closing the tab).
 */
function useSelection(list: readonly OntologyVersionDto[]) {
  const [selected, setSelected] = useState<number | null>(null);
  const [dirty, setDirty] = useState(false);
  useUnloadGuard(dirty);
  const latest = newest(list);
  const draft = list.find((v) => !v.published);
  const shown = list.find((v) => v.version === selected) ?? draft ?? latest;
  const previous = shown === undefined ? null : (list.find((v) => v.version === shown.version - 1) ?? null);
  const select = (version: number) => {
    if (version === shown?.version) return;
    if (dirty && !window.confirm(`Discard the unsaved changes to v${shown?.version}?`)) return;
    setDirty(false);
    setSelected(version);
  };
  return { latest, draft, shown, previous, select, setSelected, setDirty };
}

/** The project's ontology: its versions, the draft editor, publish, diff and label migration. */
export function OntologyPage(props: { readonly project: string }) {
  const { client } = useApi();
  const me = useMe();
  const canWrite = hasScope(me, 'projects:write');
  const project = useLoad(() => client.getProject({ project: props.project }), [client, props.project]);
  const versions = useLoad(
    () => client.listOntologyVersions({ project: props.project }).then((r) => r.docs),
    [client, props.project],
  );
  const list = versions.data ?? [];
  const { latest, draft, shown, previous, select, setSelected, setDirty } = useSelection(list);
  const current = project.data?.ontology_version ?? 0;
  const reloadAll = () => {
    versions.reload();
    project.reload();
  };

  return (
    <div className="ont-page">
      <header className="row ont-header">
        <h1>Ontology</h1>
        <span className="muted" data-testid="ontology-current">
          {current > 0 ? `New tasks use v${current}.` : 'No version published yet.'}
        </span>
      </header>
      <ErrorText error={project.error ?? versions.error} />
      <div className="ont-layout">
        <aside className="ont-aside">
          {canWrite ? (
            <NewDraftButton
              project={props.project}
              latest={latest}
              hasDraft={draft !== undefined}
              onCreated={(version) => {
                setSelected(version);
                versions.reload();
              }}
            />
          ) : null}
          {versions.loading && versions.data === undefined ? <p className="muted">Loading…</p> : null}
          <VersionList
            versions={list}
            current={current}
            selected={shown?.version ?? null}
            onSelect={select}
          />
        </aside>
        <div className="ont-main">
          {shown !== undefined && project.data !== undefined ? (
            <VersionWorkspace
              key={`${props.project}:${shown.version}`}
              project={props.project}
              modality={project.data.modality}
              version={shown}
              previous={previous}
              allVersions={list.map((v) => v.version).sort((a, b) => b - a)}
              canWrite={canWrite}
              onChanged={reloadAll}
              onDirtyChange={setDirty}
            />
          ) : versions.data !== undefined && list.length === 0 ? (
            <p className="muted" data-testid="ontology-empty">
              This project has no ontology yet.{canWrite ? ' Create a draft to define its classes.' : ''}
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
