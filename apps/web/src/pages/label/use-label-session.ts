import type { TesseraClient } from '@tessera/client';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { describeError } from '../../components/error-text';
import { createImagePreloader } from '../../label/image-preloader';
import { browserStorage } from '../../label/key-value-storage';
import { createLabelSession, type LabelSession, type SessionState } from '../../label/label-session';
import {
  createOntologyVersions,
  createTaskOntologies,
  type TaskOntologies,
} from '../../label/ontology-versions';
import { itemViewOf } from '../../label/workspace';

/** Drafts older than this are removed when the page opens (a lease lasts minutes; two weeks is generous). */
const DRAFT_MAX_AGE_MS = 14 * 24 * 3600 * 1000;

export interface LabelSessionBinding {
  readonly session: LabelSession | null;
  readonly state: SessionState | null;
  readonly ontologies: TaskOntologies;
  /** False when the browser gave no localStorage: a reload would lose unsent work. */
  readonly persistent: boolean;
}

const noSubscribe = () => () => {};
const noState = () => null;

/**
 * The page's labeling session for one annotator and project, created on mount and disposed on unmount (the
 * pending draft is flushed; held leases and unsent submits stay in storage for the next visit). Prefetched
 * tasks get their image decoded and their ontology fetched as soon as they are leased.
 */
export function useLabelSession(
  client: TesseraClient,
  who: { readonly org: string; readonly user: string } | null,
  project: string,
): LabelSessionBinding {
  const ontologies = useMemo(
    () =>
      createTaskOntologies(
        createOntologyVersions(
          async (version) => (await client.getOntologyVersion({ project, version })).definition,
        ),
        async () => (await client.getProject({ project })).ontology_version,
      ),
    [client, project],
  );
  const [{ storage, persistent }] = useState(browserStorage);
  const [session, setSession] = useState<LabelSession | null>(null);
  const org = who?.org ?? null;
  const user = who?.user ?? null;

  useEffect(() => {
    if (org === null || user === null) return;
    const images = createImagePreloader(() => new Image());
    const created = createLabelSession({
      client,
      who: { org, user },
      project,
      storage,
      describe: describeError,
      preload(lease) {
        const item = itemViewOf(lease.item);
        if (item?.kind === 'image') void images.preload(item.url);
        ontologies.get(lease.task).catch(() => {}); // shown when the task comes up
      },
    });
    created.drafts.prune(DRAFT_MAX_AGE_MS);
    setSession(created);
    const flush = () => created.flush();
    const hidden = () => {
      if (document.visibilityState === 'hidden') created.flush();
    };
    const online = () => created.retryUnsent();
    window.addEventListener('beforeunload', flush);
    window.addEventListener('online', online);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('beforeunload', flush);
      window.removeEventListener('online', online);
      document.removeEventListener('visibilitychange', hidden);
      created.dispose();
      setSession(null);
    };
  }, [client, org, user, project, storage, ontologies]);

  const state = useSyncExternalStore(session?.subscribe ?? noSubscribe, session?.getState ?? noState);
  return { session, state, ontologies, persistent };
}
