import type { AnnotationPayload, LeaseDto } from '@tessera/schema';
import { createDraftStore, type DraftKey } from './draft-store';
import { createDraftWriter } from './draft-writer';
import { classifyLeaseFailure } from './lease-failure';
import { createLeaseKeeper, type LeaseRef } from './lease-keeper';
import { createLeaseStore } from './lease-store';
import { createPrefetchQueue, DEFAULT_PREFETCH } from './prefetch-queue';
import { createNoticeList, MESSAGES } from './session-notices';
import type { LabelSession, LabelSessionOptions, SessionState } from './session-types';
import { createSubmitOutbox } from './submit-outbox';

export type { LabelSession, LabelSessionOptions, SessionClient, SessionState } from './session-types';

const isEmpty = (p: AnnotationPayload): boolean =>
  p.classifications.length + p.objects.length + p.spans.length + Object.keys(p.attributes).length === 0;
const refOf = (l: LeaseDto): LeaseRef => ({
  task_id: l.task.task_id,
  token: l.token,
  expires_at: l.expires_at,
});

/**
 * One annotator's labeling session in one project: the prefetched lease queue, heartbeats, drafts, the submit
 * outbox and the notices, without React or the DOM. The label page renders `getState()` and calls the actions.
 */
export function createLabelSession(options: LabelSessionOptions): LabelSession {
  const { client, who, project, describe } = options;
  const now = options.now ?? Date.now;
  const owner = { ...who, project };
  const drafts = createDraftStore(options.storage, now);
  const leaseStore = createLeaseStore(options.storage);
  const notices = createNoticeList();
  const listeners = new Set<() => void>();
  const draftKey = (l: LeaseDto): DraftKey => ({ ...who, task: l.task.task_id, token: l.token });
  let started = false;
  let disposed = false;
  let leaseError: unknown = null;
  let heartbeatTrouble: string | null = null;
  let draftRefused = false;
  let previous: AnnotationPayload | null = null;
  let submitted = 0;
  let poll: ReturnType<typeof setTimeout> | null = null;
  let state: SessionState;

  const writer = createDraftWriter(drafts, 300, (saved) => {
    if (saved === !draftRefused) return;
    draftRefused = !saved;
    emit();
  });
  const outbox = createSubmitOutbox({
    storage: options.storage,
    storageKey: ['tessera.outbox.v1', who.org, who.user, project].map(encodeURIComponent).join('|'),
    async send(s) {
      await client.submitAnnotation({
        task_id: s.lease.task.task_id,
        token: s.lease.token,
        annotations: s.payload,
        duration_ms: s.duration_ms,
      });
    },
    onSent(s) {
      drafts.removeTask(who.org, who.user, s.lease.task.task_id);
      submitted += 1;
      emit();
    },
    onStale(s) {
      keepWork(s.lease, 'the lease expired before the submit reached the server', {
        payload: s.payload,
        ms: s.duration_ms,
      });
      notices.add('warn', MESSAGES.staleSubmit(s.lease.task.task_id), s.lease.task.task_id);
      emit();
    },
    onRefused(s, error) {
      queue.insertNext(s.lease);
      notices.add('error', MESSAGES.refused(s.lease.task.task_id, describe(error)), s.lease.task.task_id);
      emit();
    },
    onChange: () => changed(),
    describe,
  });
  const queue = createPrefetchQueue({
    size: options.prefetch ?? DEFAULT_PREFETCH,
    lease: async (count) => (await client.leaseTasks({ project, count })).leases,
    initial: leaseStore
      .load(owner)
      .filter((l) => !outbox.pending().some((s) => s.lease.task.task_id === l.task.task_id)),
    onChange(leases) {
      leaseStore.save(owner, leases);
      changed();
    },
    onAdded: (lease) => options.preload?.(lease),
    now,
  });
  const keeper = createLeaseKeeper({
    heartbeat: (ref) => client.heartbeat({ task_id: ref.task_id, token: ref.token }),
    onExtended(ref) {
      if (heartbeatTrouble !== null) {
        heartbeatTrouble = null;
        emit();
      }
      queue.extend(ref.task_id, ref.token, ref.expires_at);
    },
    onExpired: (ref) => leaseEnded(ref),
    onProblem(_ref, error) {
      heartbeatTrouble = describe(error);
      emit();
    },
    now,
  });

  function keepWork(
    lease: LeaseDto,
    reason: string,
    work?: { payload: AnnotationPayload; ms: number },
  ): boolean {
    const key = draftKey(lease);
    if (work !== undefined) drafts.save({ key, project, payload: work.payload, elapsed_ms: work.ms });
    if (drafts.load(key) === null) return false;
    drafts.keep(key, reason);
    return true;
  }

  function leaseEnded(ref: LeaseRef): void {
    if (keeper.tracked().length === 0) heartbeatTrouble = null; // nothing left to keep alive
    const wasCurrent = started && queue.leases()[0]?.task.task_id === ref.task_id;
    if (wasCurrent) writer.flush();
    const lease = queue.remove(ref.task_id, ref.token);
    if (lease === undefined) {
      emit(); // an unsent submit: its answer (stale) keeps the work
      return;
    }
    const kept = keepWork(lease, 'the lease expired');
    const id = ref.task_id;
    if (kept || wasCurrent) notices.add('warn', MESSAGES.expired(id, kept), id);
    void refill();
  }

  function changed(verifyNew = false): void {
    if (disposed) return;
    const held = started ? queue.leases() : [];
    keeper.track([...held, ...outbox.pending().map((s) => s.lease)].map(refOf), { verifyNew });
    emit();
  }

  function emit(): void {
    state = {
      started,
      leases: queue.leases(),
      refilling: queue.refilling(),
      empty: started && queue.empty(),
      leaseError,
      unsent: outbox.pending(),
      notices: notices.all(),
      kept: drafts.kept(who.org, who.user, project),
      heartbeatTrouble,
      storageTrouble: draftRefused || outbox.persistFailed,
      previous,
      submitted,
    };
    for (const listener of listeners) listener();
  }

  async function refill(force = false): Promise<void> {
    if (!started) return;
    if (poll !== null) clearTimeout(poll);
    poll = null;
    const request = queue.refill(force);
    emit();
    try {
      await request;
      leaseError = null;
    } catch (error) {
      leaseError = error;
    }
    if (started && queue.leases().length === 0) {
      poll = setTimeout(() => void refill(true), options.pollMs ?? 15_000);
    }
    emit();
  }

  changed(true);
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    drafts,
    draftKey,
    start() {
      if (started) return;
      started = true;
      for (const lease of queue.leases()) options.preload?.(lease);
      changed(true);
      void refill(true);
    },
    edit(lease, payload, elapsedMs) {
      writer.schedule({ key: draftKey(lease), project, payload, elapsed_ms: elapsedMs });
    },
    flush: () => void writer.flush(),
    submit(lease, payload, elapsedMs) {
      writer.cancel();
      draftRefused = !drafts.save({ key: draftKey(lease), project, payload, elapsed_ms: elapsedMs });
      previous = payload;
      queue.remove(lease.task.task_id, lease.token);
      outbox.enqueue({ lease, payload, duration_ms: Math.max(0, Math.round(elapsedMs)) });
      void refill();
    },
    async skip(lease) {
      writer.flush();
      queue.remove(lease.task.task_id, lease.token);
      const draft = drafts.load(draftKey(lease));
      if (draft !== null && !isEmpty(draft.payload)) drafts.keep(draftKey(lease), 'skipped');
      else drafts.remove(draftKey(lease));
      void refill();
      try {
        await client.releaseLease({ task_id: lease.task.task_id, token: lease.token, reason: 'skip' });
      } catch (error) {
        if (classifyLeaseFailure(error) === 'stale') return;
        const id = lease.task.task_id;
        notices.add('warn', MESSAGES.skipUnsent(id, describe(error)), id);
        emit();
      }
    },
    checkAgain: () => void refill(true),
    retryUnsent: () => outbox.retryNow(),
    dismiss(id) {
      notices.dismiss(id);
      emit();
    },
    discardKept(key) {
      drafts.remove(key);
      emit();
    },
    dispose() {
      writer.flush();
      keeper.stop();
      outbox.stop();
      if (poll !== null) clearTimeout(poll);
      poll = null;
      started = false;
      disposed = true;
      listeners.clear();
    },
  };
}
