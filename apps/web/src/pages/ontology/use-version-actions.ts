import { TesseraApiError } from '@tessera/client';
import { type Dispatch, useCallback, useState } from 'react';
import { useApi } from '../../api/api-context';
import type { DraftAction, DraftState } from './ontology-draft';
import { type OntologyDiffView, parseDiff } from './parse-diff';

export type ActionName = 'save' | 'publish' | 'diff' | 'apply';

export interface VersionActions {
  /** The action running now; the buttons wait for it. */
  readonly busy: ActionName | null;
  readonly error: unknown;
  /** What the last finished action did, in words. */
  readonly status: string | null;
  readonly diff: OntologyDiffView | null;
  /** What the last apply returned. */
  readonly applied: { readonly revised: number } | null;
  save(): Promise<void>;
  publish(): Promise<void>;
  loadDiff(from: number): Promise<void>;
  apply(): Promise<void>;
}

/**
 * The server calls of one version: save the draft (PUT; field errors go back into the draft state so each
 * shows by its field), publish, diff against another version, apply the migrations up to it.
 */
export function useVersionActions(input: {
  readonly project: string;
  readonly version: number;
  readonly state: DraftState;
  readonly dispatch: Dispatch<DraftAction>;
  /** Called after a change on the server (the page reloads versions and project). */
  readonly onChanged: () => void;
}): VersionActions {
  const { client } = useApi();
  const { project, version, state, dispatch, onChanged } = input;
  const [busy, setBusy] = useState<ActionName | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [diff, setDiff] = useState<OntologyDiffView | null>(null);
  const [applied, setApplied] = useState<{ readonly revised: number } | null>(null);

  const run = useCallback(async (name: ActionName, work: () => Promise<string | null>) => {
    setBusy(name);
    setError(null);
    setStatus(null);
    try {
      setStatus(await work());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  }, []);

  const save = () =>
    run('save', async () => {
      try {
        const saved = await client.updateOntologyDraft({
          project,
          version,
          definition: state.definition,
          migration: state.migration,
        });
        dispatch({ type: 'load', definition: saved.definition, migration: saved.migration });
      } catch (failure) {
        if (failure instanceof TesseraApiError && failure.errors.length > 0) {
          const errors = failure.errors.map((e) => ({ pointer: e.pointer, message: e.message }));
          dispatch({ type: 'serverErrors', errors });
        }
        throw failure;
      }
      onChanged();
      return `Saved v${version}.`;
    });

  const publish = () =>
    run('publish', async () => {
      await client.publishOntologyVersion({ project, version });
      onChanged();
      return `Published v${version}: it is locked, and new tasks use it.`;
    });

  const loadDiff = (from: number) =>
    run('diff', async () => {
      setDiff(parseDiff(await client.diffOntologyVersions({ project, version, from })));
      return null;
    });

  const apply = () =>
    run('apply', async () => {
      const result = await client.applyOntologyMigration({ project, version });
      setApplied(result);
      return `Migrated to v${version}: ${result.revised} final label${result.revised === 1 ? '' : 's'} revised.`;
    });

  return { busy, error, status, diff, applied, save, publish, loadDiff, apply };
}
