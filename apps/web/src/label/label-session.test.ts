import { TesseraApiError, TesseraConnectionError } from '@tessera/client';
import { type AnnotationPayload, EMPTY_PAYLOAD, type LeaseDto } from '@tessera/schema';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStorage, type KeyValueStorage } from './key-value-storage';
import { createLabelSession, type LabelSession, type SessionClient } from './label-session';
import { leaseDto } from './test-leases';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const LEASE_MS = 600_000;
const who = { org: 'org_1', user: 'usr_1' };
const work = (note: string): AnnotationPayload => ({ ...EMPTY_PAYLOAD, attributes: { note } });
const stale = () =>
  new TesseraApiError({ status: 409, code: 'stale_lease', title: 'Conflict', detail: 'gone' });

/** A queue server in memory: fencing tokens, idempotent submits, expiry, and a switch to drop the network. */
function fakeServer(taskIds: readonly string[]) {
  const backlog = [...taskIds];
  const live = new Map<string, number>(); // task#token → expires at
  const submitted = new Map<string, AnnotationPayload>();
  const calls: string[] = [];
  const server = {
    offline: false,
    refuse: new Set<string>(),
    calls,
    submitted,
    live,
    expire(taskId: string, token = 1) {
      live.delete(`${taskId}#${token}`);
    },
  };
  const net = () => {
    if (server.offline) throw new TesseraConnectionError('http://tessera', new Error('ECONNREFUSED'));
  };
  const client: SessionClient = {
    async leaseTasks({ count }) {
      calls.push(`lease ${count}`);
      net();
      const leases: LeaseDto[] = backlog.splice(0, count).map((id) => {
        live.set(`${id}#1`, Date.now() + LEASE_MS);
        return leaseDto(id, 1, new Date(Date.now() + LEASE_MS).toISOString());
      });
      return { leases };
    },
    async heartbeat({ task_id, token }) {
      calls.push(`heartbeat ${task_id}`);
      net();
      const key = `${task_id}#${token}`;
      if (!live.has(key) || (live.get(key) as number) <= Date.now()) throw stale();
      live.set(key, Date.now() + LEASE_MS);
      return { expires_at: new Date(Date.now() + LEASE_MS).toISOString() };
    },
    async submitAnnotation({ task_id, token, annotations }) {
      calls.push(`submit ${task_id}`);
      net();
      const key = `${task_id}#${token}`;
      if (submitted.has(key)) return {};
      if (!live.has(key)) throw stale();
      if (server.refuse.has(task_id)) {
        server.refuse.delete(task_id);
        throw new TesseraApiError({
          status: 400,
          code: 'validation_failed',
          title: 'Bad Request',
          detail: 'invalid annotation',
          errors: [{ pointer: '/annotations/objects/0/geometry', message: 'outside the image' }],
        });
      }
      live.delete(key);
      submitted.set(key, annotations);
      return {};
    },
    async releaseLease({ task_id, token, reason }) {
      calls.push(`release ${task_id} ${reason}`);
      net();
      if (!live.delete(`${task_id}#${token}`)) throw stale();
      return {};
    },
  };
  return { server, client };
}

function session(client: SessionClient, storage: KeyValueStorage = createMemoryStorage()): LabelSession {
  return createLabelSession({
    client,
    who,
    project: 'cars',
    storage,
    prefetch: 3,
    describe: (e) => (e instanceof Error ? e.message : String(e)),
  });
}

const shown = (s: LabelSession) => s.getState().leases.map((l) => l.task.task_id);
const current = (s: LabelSession): LeaseDto => s.getState().leases[0] as LeaseDto;

describe('label session', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('leases k tasks on start, submits in the background, and tops the queue up', async () => {
    const { server, client } = fakeServer(['a', 'b', 'c', 'd']);
    const s = session(client);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(shown(s)).toEqual(['a', 'b', 'c']);
    s.edit(current(s), work('draft'), 1000);
    s.submit(current(s), work('done'), 4321.4);
    expect(shown(s)).toEqual(['b', 'c']); // the next task is on screen at once
    await vi.advanceTimersByTimeAsync(0);
    expect(server.submitted.get('a#1')).toEqual(work('done'));
    expect(shown(s)).toEqual(['b', 'c', 'd']);
    expect(server.calls).toEqual(['lease 3', 'submit a', 'lease 1']);
    expect(s.drafts.latestForTask(who.org, who.user, 'a')).toBeNull();
    expect(s.getState()).toMatchObject({ submitted: 1, previous: work('done'), unsent: [] });
    s.dispose();
  });

  it('publishes every outcome to subscribers, even when nothing else changes afterwards', async () => {
    const { server, client } = fakeServer(['a', 'b']);
    const s = session(client);
    const seen: { submitted: number; notices: number; empty: boolean }[] = [];
    s.subscribe(() => {
      const st = s.getState();
      seen.push({ submitted: st.submitted, notices: st.notices.length, empty: st.empty });
    });
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    server.refuse.add('a');
    s.submit(current(s), work('bad'), 10);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.at(-1)).toEqual({ submitted: 0, notices: 1, empty: false });
    s.submit(current(s), work('b'), 10);
    s.submit(current(s), work('fixed'), 10);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.at(-1)).toEqual({ submitted: 2, notices: 1, empty: true });
    s.dispose();
  });

  it('keeps a submit that failed on the network as unsent, with its draft, and retries it', async () => {
    const { server, client } = fakeServer(['a', 'b']);
    const s = session(client);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    server.offline = true;
    s.submit(current(s), work('x'), 10);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.getState().unsent.map((u) => u.lease.task.task_id)).toEqual(['a']);
    expect(s.drafts.load({ ...who, task: 'a', token: 1 })?.payload).toEqual(work('x'));
    server.offline = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.getState().unsent).toEqual([]);
    expect(server.submitted.has('a#1')).toBe(true);
    expect(s.drafts.load({ ...who, task: 'a', token: 1 })).toBeNull();
    s.dispose();
  });

  it('says so when the lease on screen expired, keeps the work and moves on', async () => {
    const { server, client } = fakeServer(['a', 'b']);
    const s = session(client);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    s.edit(current(s), work('mine'), 500);
    server.expire('a');
    await vi.advanceTimersByTimeAsync(LEASE_MS / 2);
    expect(shown(s)).toEqual(['b']);
    const state = s.getState();
    expect(state.notices.map((n) => n.text)).toEqual([
      'Your lease on task a expired; your work is kept (see "Kept work").',
    ]);
    expect(state.kept.map((d) => [d.key.task, d.payload, d.kept_reason])).toEqual([
      ['a', work('mine'), 'the lease expired'],
    ]);
    s.discardKept(state.kept[0]?.key ?? { ...who, task: 'a', token: 1 });
    expect(s.getState().kept).toEqual([]);
    s.dispose();
  });

  it('keeps the work of a submit whose lease ended before it reached the server', async () => {
    const { server, client } = fakeServer(['a', 'b']);
    const s = session(client);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    server.expire('a');
    s.submit(current(s), work('late'), 2500);
    await vi.advanceTimersByTimeAsync(0);
    const state = s.getState();
    expect(state.notices.map((n) => n.text)).toEqual([
      'Your lease on task a expired before your submit reached the server; your work is kept.',
    ]);
    expect(state.kept.map((d) => [d.key.task, d.payload, d.elapsed_ms])).toEqual([['a', work('late'), 2500]]);
    expect(state).toMatchObject({ submitted: 0, unsent: [] });
    s.dispose();
  });

  it('puts a refused submit back next in the queue, with the server message', async () => {
    const { server, client } = fakeServer(['a', 'b', 'c']);
    const s = session(client);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    server.refuse.add('a');
    s.submit(current(s), work('bad'), 10);
    await vi.advanceTimersByTimeAsync(0);
    expect(shown(s)).toEqual(['b', 'a', 'c']);
    expect(s.getState().notices[0]?.text).toBe(
      'The server refused task a: 400 validation_failed: invalid annotation. It is back in your queue, next, with your work.',
    );
    expect(s.drafts.load({ ...who, task: 'a', token: 1 })?.payload).toEqual(work('bad'));
    s.dispose();
  });

  it('resumes held leases and unsent submits after a reload; keeps work of leases that ended meanwhile', async () => {
    const storage = createMemoryStorage();
    const { server, client } = fakeServer(['a', 'b', 'c', 'd']);
    const first = session(client, storage);
    first.start();
    await vi.advanceTimersByTimeAsync(0);
    server.offline = true;
    first.submit(current(first), work('sent later'), 10);
    first.edit(current(first), work('in progress'), 10);
    await vi.advanceTimersByTimeAsync(0);
    first.dispose(); // the page reloads; the pending draft is flushed
    server.offline = false;
    server.expire('c');

    const second = session(client, storage);
    expect(shown(second)).toEqual(['b', 'c']);
    await vi.advanceTimersByTimeAsync(0);
    expect(server.submitted.has('a#1')).toBe(true); // the unsent submit went out without a click
    second.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(shown(second)).toEqual(['b', 'd']);
    expect(second.drafts.load({ ...who, task: 'b', token: 1 })?.payload).toEqual(work('in progress'));
    expect(second.getState().kept).toEqual([]); // c had no work: dropped quietly
    second.dispose();
  });

  it('skips with reason skip, keeps skipped work, and reports an empty queue', async () => {
    const { server, client } = fakeServer(['a']);
    const s = session(client);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    s.edit(current(s), work('half'), 10);
    await s.skip(current(s));
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls).toContain('release a skip');
    expect(s.getState().kept.map((d) => d.kept_reason)).toEqual(['skipped']);
    expect(s.getState()).toMatchObject({ leases: [], empty: true });
    s.dispose();
  });

  it('shows a lease error and polls until work arrives', async () => {
    const { server, client } = fakeServer(['a']);
    server.offline = true;
    const s = session(client);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.getState().leaseError).toBeInstanceOf(TesseraConnectionError);
    server.offline = false;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(shown(s)).toEqual(['a']);
    expect(s.getState().leaseError).toBeNull();
    s.dispose();
  });
});
