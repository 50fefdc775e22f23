import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from './client';
import { TesseraConnectionError } from './errors';
import type { FetchLike } from './transport';

/** A fetch that never answers: it fails only when its signal aborts, with the signal's reason. */
const hanging: FetchLike = (_url, init) =>
  new Promise((_resolve, reject) => {
    init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('per-attempt timeout', () => {
  it('abandons an attempt that has not answered after timeoutMs, as a network failure', async () => {
    vi.useFakeTimers();
    const client = createClient({
      baseUrl: 'http://tessera.test',
      retries: 0,
      timeoutMs: 5_000,
      fetch: hanging,
    });
    const call = client.getTask({ task_id: 'tsk_1' });
    const outcome = expect(call).rejects.toBeInstanceOf(TesseraConnectionError);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await outcome;
    await expect(call).rejects.toMatchObject({ cause: { name: 'TimeoutError' } });
  });

  it('clears the deadline as soon as the answer is read: no timer outlives its call', async () => {
    vi.useFakeTimers();
    const pending: (() => void)[] = [];
    const later: FetchLike = () =>
      new Promise((resolve) => {
        pending.push(() =>
          resolve(
            new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } }),
          ),
        );
      });
    const client = createClient({
      baseUrl: 'http://tessera.test',
      retries: 0,
      timeoutMs: 120_000,
      fetch: later,
    });
    const calls = Array.from({ length: 20 }, () => client.getTask({ task_id: 'tsk_1' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(20);
    for (const answer of pending) answer();
    await Promise.all(calls);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the caller’s own abort still wins over the deadline and is rethrown as is', async () => {
    const controller = new AbortController();
    const client = createClient({
      baseUrl: 'http://tessera.test',
      retries: 0,
      timeoutMs: 60_000,
      fetch: hanging,
    });
    const call = client.getTask({ task_id: 'tsk_1' }, { signal: controller.signal });
    controller.abort(new Error('user cancelled'));
    await expect(call).rejects.toThrow('user cancelled');
  });
});
