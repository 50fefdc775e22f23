import { EMPTY_PAYLOAD } from '@tessera/schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDraftStore, draftStorageKey } from './draft-store';
import { createDraftWriter } from './draft-writer';
import { createMemoryStorage, type KeyValueStorage } from './key-value-storage';

const key = { org: 'org_1', user: 'usr_1', task: 'tsk_1', token: 3 };
const payload = { ...EMPTY_PAYLOAD, attributes: { quality: 'good' } };

function clockAt(start: number) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('draft store', () => {
  it('saves and loads a draft per org, user, task and lease token', () => {
    const store = createDraftStore(createMemoryStorage(), () => 1000);
    expect(store.save({ key, project: 'cars', payload, elapsed_ms: 1234 })).toBe(true);
    expect(store.load(key)).toEqual({
      key,
      project: 'cars',
      payload,
      elapsed_ms: 1234,
      saved_at: 1000,
      kept_reason: null,
    });
    expect(store.load({ ...key, token: 4 })).toBeNull();
    expect(store.load({ ...key, user: 'usr_2' })).toBeNull();
    expect(store.load({ ...key, org: 'org_2' })).toBeNull();
  });

  it('keeps ids containing the separator apart', () => {
    const storage = createMemoryStorage();
    const store = createDraftStore(storage);
    const odd = { org: 'a|b', user: 'c', task: 'd', token: 1 };
    store.save({ key: odd, project: 'p', payload, elapsed_ms: 0 });
    expect(draftStorageKey(odd)).toBe('tessera.draft.v1|a%7Cb|c|d|1');
    expect(store.load(odd)?.key).toEqual(odd);
    expect(store.load({ org: 'a', user: 'b|c', task: 'd', token: 1 })).toBeNull();
  });

  it('reads corrupt or foreign entries as absent and never throws', () => {
    const storage = createMemoryStorage();
    const store = createDraftStore(storage);
    storage.setItem(draftStorageKey(key), '{not json');
    expect(store.load(key)).toBeNull();
    storage.setItem(
      draftStorageKey(key),
      JSON.stringify({ project: 'cars', saved_at: 1, payload: { objects: 3 } }),
    );
    expect(store.load(key)).toBeNull();
    storage.setItem(
      'tessera.draft.v1|org_1|usr_1|tsk_1|notanumber',
      JSON.stringify({ project: 'x', saved_at: 1, payload }),
    );
    expect(store.latestForTask('org_1', 'usr_1', 'tsk_1')).toBeNull();
  });

  it('reports a refused write instead of throwing (storage full)', () => {
    const full: KeyValueStorage = {
      ...createMemoryStorage(),
      length: 0,
      key: () => null,
      getItem: () => null,
      removeItem: () => {},
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(createDraftStore(full).save({ key, project: 'cars', payload, elapsed_ms: 0 })).toBe(false);
  });

  it('finds the newest draft of a task under any lease, and keeps work with a reason', () => {
    const clock = clockAt(0);
    const store = createDraftStore(createMemoryStorage(), clock.now);
    store.save({ key: { ...key, token: 1 }, project: 'cars', payload: EMPTY_PAYLOAD, elapsed_ms: 0 });
    clock.advance(10);
    store.save({ key: { ...key, token: 2 }, project: 'cars', payload, elapsed_ms: 5 });
    expect(store.latestForTask('org_1', 'usr_1', 'tsk_1')?.key.token).toBe(2);
    expect(store.kept('org_1', 'usr_1')).toEqual([]);
    store.keep({ ...key, token: 2 }, 'lease expired');
    const kept = store.kept('org_1', 'usr_1', 'cars');
    expect(kept.map((d) => [d.key.token, d.kept_reason])).toEqual([[2, 'lease expired']]);
    expect(store.kept('org_1', 'usr_1', 'other-project')).toEqual([]);
    // Saving again under the same lease keeps the reason.
    store.save({ key: { ...key, token: 2 }, project: 'cars', payload, elapsed_ms: 6 });
    expect(store.load({ ...key, token: 2 })?.kept_reason).toBe('lease expired');
  });

  it('removes a task under every lease, and prunes old drafts', () => {
    const clock = clockAt(0);
    const storage = createMemoryStorage();
    const store = createDraftStore(storage, clock.now);
    store.save({ key: { ...key, token: 1 }, project: 'cars', payload, elapsed_ms: 0 });
    store.save({ key: { ...key, token: 2 }, project: 'cars', payload, elapsed_ms: 0 });
    store.save({ key: { ...key, task: 'tsk_2' }, project: 'cars', payload, elapsed_ms: 0 });
    store.removeTask('org_1', 'usr_1', 'tsk_1');
    expect(store.latestForTask('org_1', 'usr_1', 'tsk_1')).toBeNull();
    expect(store.load({ ...key, task: 'tsk_2' })).not.toBeNull();
    storage.setItem('unrelated', 'x');
    clock.advance(1000);
    store.save({ key, project: 'cars', payload, elapsed_ms: 0 });
    expect(store.prune(500)).toBe(1);
    expect(store.load({ ...key, task: 'tsk_2' })).toBeNull();
    expect(store.load(key)).not.toBeNull();
    expect(storage.getItem('unrelated')).toBe('x');
    store.remove(key);
    expect(store.load(key)).toBeNull();
  });
});

describe('draft writer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes only the last state of a burst, after 300 ms of quiet', () => {
    vi.useFakeTimers();
    const saved: number[] = [];
    const writer = createDraftWriter({
      save: (d) => {
        saved.push(d.elapsed_ms);
        return true;
      },
    });
    for (let i = 1; i <= 60; i++) {
      writer.schedule({ key, project: 'cars', payload, elapsed_ms: i });
      vi.advanceTimersByTime(10);
    }
    expect(saved).toEqual([]);
    expect(writer.pending).toBe(true);
    vi.advanceTimersByTime(300);
    expect(saved).toEqual([60]);
    expect(writer.pending).toBe(false);
  });

  it('flushes at once (unload, hidden tab) and cancels after a submit', () => {
    vi.useFakeTimers();
    const saved: number[] = [];
    const results: boolean[] = [];
    const writer = createDraftWriter(
      {
        save: (d) => {
          saved.push(d.elapsed_ms);
          return false;
        },
      },
      300,
      (ok) => results.push(ok),
    );
    writer.schedule({ key, project: 'cars', payload, elapsed_ms: 1 });
    expect(writer.flush()).toBe(false);
    expect(saved).toEqual([1]);
    expect(results).toEqual([false]);
    expect(writer.flush()).toBe(true);
    writer.schedule({ key, project: 'cars', payload, elapsed_ms: 2 });
    writer.cancel();
    vi.advanceTimersByTime(1000);
    expect(saved).toEqual([1]);
  });
});
