import type { LeaseDto } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { createPrefetchQueue } from './prefetch-queue';
import { leaseDto } from './test-leases';

/** A server with a fixed backlog of task ids that never leases a task twice, recording each request. */
function fakeServer(ids: readonly string[]) {
  const backlog = [...ids];
  const requests: number[] = [];
  let gate: Promise<void> = Promise.resolve();
  return {
    requests,
    hold() {
      let open = () => {};
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      return () => open();
    },
    async lease(count: number): Promise<LeaseDto[]> {
      requests.push(count);
      await gate;
      return backlog.splice(0, count).map((id) => leaseDto(id));
    },
  };
}

const ids = (q: { leases(): readonly LeaseDto[] }) => q.leases().map((l) => l.task.task_id);

describe('prefetch queue', () => {
  it('leases k tasks at once and tops up by k − held after each removal', async () => {
    const server = fakeServer(['a', 'b', 'c', 'd', 'e']);
    const added: string[] = [];
    const q = createPrefetchQueue({
      size: 3,
      lease: server.lease,
      onAdded: (l) => added.push(l.task.task_id),
    });
    await q.refill();
    expect(ids(q)).toEqual(['a', 'b', 'c']);
    expect(added).toEqual(['a', 'b', 'c']);
    await q.refill();
    expect(server.requests).toEqual([3]); // full: no request
    expect(q.remove('a', 1)?.task.task_id).toBe('a');
    expect(q.remove('a', 1)).toBeUndefined();
    await q.refill();
    expect(ids(q)).toEqual(['b', 'c', 'd']);
    expect(server.requests).toEqual([3, 1]);
  });

  it('joins a refill in flight instead of sending a second request', async () => {
    const server = fakeServer(['a', 'b', 'c']);
    const q = createPrefetchQueue({ size: 2, lease: server.lease });
    const open = server.hold();
    const first = q.refill();
    const second = q.refill();
    expect(q.refilling()).toBe(true);
    open();
    await Promise.all([first, second]);
    expect(server.requests).toEqual([2]);
    expect(q.refilling()).toBe(false);
  });

  it('is empty only after the server ran out and nothing is held; waits before asking again', async () => {
    let t = 0;
    const server = fakeServer(['a']);
    const q = createPrefetchQueue({ size: 3, lease: server.lease, now: () => t, idleRetryMs: 1000 });
    expect(q.empty()).toBe(false);
    await q.refill();
    expect(ids(q)).toEqual(['a']);
    expect(q.empty()).toBe(false);
    q.remove('a', 1);
    expect(q.empty()).toBe(true);
    await q.refill();
    expect(server.requests).toEqual([3]); // too soon after a short answer
    await q.refill(true);
    expect(server.requests).toEqual([3, 3]);
    t = 1000;
    await q.refill();
    expect(server.requests).toEqual([3, 3, 3]);
  });

  it('starts from restored leases, reports every change, and records extended expiries', async () => {
    const changes: string[][] = [];
    const server = fakeServer(['c']);
    const q = createPrefetchQueue({
      size: 3,
      lease: server.lease,
      initial: [leaseDto('a', 7), leaseDto('b', 2)],
      onChange: (ls) => changes.push(ls.map((l) => l.task.task_id)),
    });
    await q.refill();
    expect(server.requests).toEqual([1]);
    q.extend('a', 7, '2030-01-01T00:00:00.000Z');
    q.extend('a', 8, '2031-01-01T00:00:00.000Z'); // another token: ignored
    expect(q.leases()[0]?.expires_at).toBe('2030-01-01T00:00:00.000Z');
    expect(changes).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
    ]);
  });

  it('puts a refused lease back right behind the task on screen', () => {
    const q = createPrefetchQueue({
      size: 3,
      lease: async () => [],
      initial: [leaseDto('a'), leaseDto('b')],
    });
    q.insertNext(leaseDto('z'));
    expect(ids(q)).toEqual(['a', 'z', 'b']);
    const lone = createPrefetchQueue({ size: 3, lease: async () => [] });
    lone.insertNext(leaseDto('z'));
    expect(ids(lone)).toEqual(['z']);
  });

  it('passes the lease error to the caller and can be retried', async () => {
    let fail = true;
    const q = createPrefetchQueue({
      size: 1,
      lease: async () => {
        if (fail) throw new Error('offline');
        return [leaseDto('a')];
      },
    });
    await expect(q.refill()).rejects.toThrow('offline');
    expect(q.refilling()).toBe(false);
    fail = false;
    await q.refill();
    expect(ids(q)).toEqual(['a']);
  });
});
