import { TesseraApiError, TesseraConnectionError } from '@tessera/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLeaseKeeper, type LeaseRef } from './lease-keeper';
import { formatDuration, heartbeatDelayMs, heartbeatRetryDelayMs, isExpired } from './lease-timing';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (ms: number): string => new Date(T0 + ms).toISOString();
const stale = () =>
  new TesseraApiError({ status: 409, code: 'stale_lease', title: 'Conflict', detail: 'gone' });

describe('lease timing', () => {
  it('heartbeats at half the remaining time, at least a second apart, never after the end', () => {
    expect(heartbeatDelayMs(T0 + 600_000, T0)).toBe(300_000);
    expect(heartbeatDelayMs(T0 + 1500, T0)).toBe(1000);
    expect(heartbeatDelayMs(T0 + 400, T0)).toBe(400);
    expect(heartbeatDelayMs(T0, T0)).toBe(0);
    expect(heartbeatDelayMs(Number.NaN, T0)).toBe(0);
    expect(heartbeatRetryDelayMs(T0 + 60_000, T0)).toBe(5000);
    expect(heartbeatRetryDelayMs(T0 + 2000, T0)).toBe(2000);
    expect(isExpired(T0, T0)).toBe(true);
    expect(isExpired(T0 + 1, T0)).toBe(false);
  });

  it('formats durations for the timer', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(61_999)).toBe('1:01');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });
});

describe('lease keeper', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function keeper(answer: (ref: { task_id: string; token: number }) => Promise<{ expires_at: string }>) {
    const log: string[] = [];
    const k = createLeaseKeeper({
      heartbeat: (ref) => {
        log.push(`beat ${ref.task_id} @${Date.now() - T0}`);
        return answer(ref);
      },
      onExtended: (ref: LeaseRef) =>
        log.push(`extended ${ref.task_id} to ${Date.parse(ref.expires_at) - T0}`),
      onExpired: (ref: LeaseRef, why) => log.push(`expired ${ref.task_id} ${why}`),
      onProblem: (ref: LeaseRef) => log.push(`problem ${ref.task_id}`),
    });
    return { k, log };
  }

  it('extends a live lease before it ends, again and again', async () => {
    const { k, log } = keeper(async () => ({ expires_at: at(Date.now() - T0 + 600_000) }));
    k.track([{ task_id: 'a', token: 1, expires_at: at(600_000) }]);
    await vi.advanceTimersByTimeAsync(299_999);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(300_000);
    expect(log).toEqual([
      'beat a @300000',
      'extended a to 900000',
      'beat a @600000',
      'extended a to 1200000',
    ]);
    expect(k.tracked()[0]?.expires_at).toBe(at(1_200_000));
    k.stop();
  });

  it('reports a lease the server says is gone, and stops beating it', async () => {
    const { k, log } = keeper(async () => {
      throw stale();
    });
    k.track([{ task_id: 'a', token: 1, expires_at: at(10_000) }], { verifyNew: true });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(log).toEqual(['beat a @0', 'expired a stale']);
    expect(k.tracked()).toEqual([]);
  });

  it('retries through network failures and reports a timeout when the lease ran out', async () => {
    const { k, log } = keeper(async () => {
      throw new TesseraConnectionError('http://x', new Error('ECONNREFUSED'));
    });
    k.track([{ task_id: 'a', token: 1, expires_at: at(12_000) }]);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(log).toEqual(['beat a @6000', 'problem a', 'beat a @11000', 'problem a', 'expired a timeout']);
  });

  it('forgets leases that are no longer tracked, even with a heartbeat in flight', async () => {
    let release: (v: { expires_at: string }) => void = () => {};
    const { k, log } = keeper(
      () =>
        new Promise((resolve) => {
          release = resolve;
        }),
    );
    k.track([
      { task_id: 'a', token: 1, expires_at: at(2000) },
      { task_id: 'b', token: 1, expires_at: at(60_000) },
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toEqual(['beat a @1000']);
    k.track([{ task_id: 'b', token: 1, expires_at: at(60_000) }]);
    release({ expires_at: at(100_000) });
    await vi.advanceTimersByTimeAsync(5000);
    expect(log).toEqual(['beat a @1000']);
    expect(k.tracked().map((r) => r.task_id)).toEqual(['b']);
    k.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(log).toEqual(['beat a @1000']);
  });
});
