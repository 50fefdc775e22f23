import type { NewEvent } from '@tessera/core';
import type { EventType } from '@tessera/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqlStore } from '../sql-store';
import { countRows, createFixture, type EngineFixture } from '../testing/engine-fixture';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('events of a write unit on $dialect', (db) => {
  let f: EngineFixture;
  afterEach(async () => f?.dispose());

  let n = 0;
  const event = (type: EventType, taskId: string | null = null): NewEvent => ({
    id: `evt_test_${++n}`,
    org_id: f.orgId,
    project_id: f.project.id,
    task_id: taskId,
    type,
    actor_id: null,
    data: { n },
    created_at: f.clock.now(),
  });

  it('are written in append order, with the outbox rows of those that have one, and read back inside the unit', async () => {
    f = await createFixture(db);
    const store = createSqlStore(f.client);
    const appended = [event('task.created'), event('task.completed'), event('task.leased')];
    const seenInside = await store.write(async (tx) => {
      for (const e of appended) await tx.events.append(e, e.type === 'task.completed');
      return {
        listed: await tx.events.list(f.orgId, 0, 100, { projectId: f.project.id }),
        outbox: await tx.events.outboxCount({ orgId: f.orgId, type: 'task.completed' }),
      };
    });
    const mine = (events: readonly { id: string }[]) =>
      events.map((e) => e.id).filter((id) => id.startsWith('evt_test_'));
    expect(mine(seenInside.listed)).toEqual(appended.map((e) => e.id));
    expect(seenInside.outbox).toBe(1);

    const stored = await store.read((tx) => tx.events.list(f.orgId, 0, 100, { projectId: f.project.id }));
    const ours = stored.filter((e) => e.id.startsWith('evt_test_'));
    expect(ours.map((e) => e.id)).toEqual(appended.map((e) => e.id));
    expect(ours.map((e) => e.data)).toEqual(appended.map((e) => e.data));
    // seq follows the append order
    const seqs = ours.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(await countRows(f.client, 'outbox', 'event_id = ?', [appended[1]?.id ?? ''])).toBe(1);
  });

  it('a unit that fails after appending leaves no event, and the units committed with it keep theirs', async () => {
    f = await createFixture(db);
    const store = createSqlStore(f.client);
    const kept = event('task.completed');
    const lost = event('task.completed');
    const [failed, ok] = await Promise.allSettled([
      store.write(async (tx) => {
        await tx.events.append(lost, true);
        throw new Error('the unit fails after its append');
      }),
      store.write((tx) => tx.events.append(kept, true)),
    ]);
    expect(failed?.status).toBe('rejected');
    expect(ok?.status).toBe('fulfilled');
    expect(await countRows(f.client, 'events', 'id = ?', [lost.id])).toBe(0);
    expect(await countRows(f.client, 'outbox', 'event_id = ?', [lost.id])).toBe(0);
    expect(await countRows(f.client, 'events', 'id = ?', [kept.id])).toBe(1);
    expect(await countRows(f.client, 'outbox', 'event_id = ?', [kept.id])).toBe(1);
  });

  it('a unit with more events than one INSERT holds writes them all', async () => {
    f = await createFixture(db);
    const store = createSqlStore(f.client);
    const before = await countRows(f.client, 'events');
    const many = Array.from({ length: 250 }, () => event('task.created'));
    await store.write(async (tx) => {
      for (const e of many) await tx.events.append(e, false);
    });
    expect(await countRows(f.client, 'events')).toBe(before + 250);
  });
});
