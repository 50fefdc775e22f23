import { TesseraApiError, TesseraConnectionError } from '@tessera/client';
import { EMPTY_PAYLOAD } from '@tessera/schema';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStorage } from './key-value-storage';
import { createSubmitOutbox, type OutboxOptions, type Submission } from './submit-outbox';
import { leaseDto } from './test-leases';

const KEY = 'tessera.outbox.v1|org_1|usr_1';
const offline = () => new TesseraConnectionError('http://x', new Error('ECONNREFUSED'));
const apiError = (status: number, code: string) =>
  new TesseraApiError({ status, code, title: code, detail: `${code} detail` });

function outbox(send: (s: Submission) => Promise<void>, storage = createMemoryStorage()) {
  const log: string[] = [];
  const options: OutboxOptions = {
    storage,
    storageKey: KEY,
    send,
    onSent: (s) => log.push(`sent ${s.lease.task.task_id}`),
    onStale: (s) => log.push(`stale ${s.lease.task.task_id}`),
    onRefused: (s) => log.push(`refused ${s.lease.task.task_id}`),
    describe: (e) => (e instanceof Error ? e.message : String(e)),
    backoffMs: (n) => 1000 * n,
  };
  return { box: createSubmitOutbox(options), log, storage };
}

const submission = (id: string) => ({ lease: leaseDto(id), payload: EMPTY_PAYLOAD, duration_ms: 1200 });

describe('submit outbox', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends in order and forgets what the server accepted', async () => {
    const sent: string[] = [];
    const { box, log, storage } = outbox(async (s) => {
      sent.push(s.lease.task.task_id);
    });
    box.enqueue(submission('a'));
    box.enqueue(submission('b'));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['a', 'b']);
    expect(log).toEqual(['sent a', 'sent b']);
    expect(box.pending()).toEqual([]);
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('keeps a submit through a network failure (in storage too) and retries it with backoff', async () => {
    let up = false;
    const { box, log, storage } = outbox(async () => {
      if (!up) throw offline();
    });
    box.enqueue(submission('a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(box.pending()).toHaveLength(1);
    expect(box.pending()[0]?.attempts).toBe(1);
    expect(box.pending()[0]?.last_error).toContain('cannot reach');
    expect(JSON.parse(storage.getItem(KEY) ?? '[]')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(box.pending()[0]?.attempts).toBe(2);
    up = true;
    await vi.advanceTimersByTimeAsync(1999);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual(['sent a']);
    expect(box.pending()).toEqual([]);
  });

  it('retries 5xx and 429, hands back stale leases and refusals', async () => {
    const answers: Record<string, unknown[]> = {
      a: [apiError(503, 'database_unavailable')],
      b: [apiError(409, 'stale_lease')],
      c: [apiError(400, 'validation_failed')],
    };
    const { box, log } = outbox(async (s) => {
      const next = answers[s.lease.task.task_id]?.shift();
      if (next !== undefined) throw next;
    });
    box.enqueue(submission('a'));
    box.enqueue(submission('b'));
    box.enqueue(submission('c'));
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toEqual(['sent a', 'stale b', 'refused c']);
  });

  it('resumes unsent submits saved by an earlier page (a reload)', async () => {
    const storage = createMemoryStorage();
    const first = outbox(async () => {
      throw offline();
    }, storage);
    first.box.enqueue(submission('a'));
    await vi.advanceTimersByTimeAsync(0);
    first.box.stop();
    const sent: string[] = [];
    const second = outbox(async (s) => {
      sent.push(`${s.lease.task.task_id}#${s.lease.token}`);
    }, storage);
    expect(second.box.pending()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['a#1']);
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('ignores a corrupt stored outbox, and a new submit retries at once', async () => {
    const storage = createMemoryStorage();
    storage.setItem(KEY, '[{"lease":1}]');
    let up = false;
    const { box, log } = outbox(async () => {
      if (!up) throw offline();
    }, storage);
    expect(box.pending()).toEqual([]);
    box.enqueue(submission('a'));
    await vi.advanceTimersByTimeAsync(0);
    up = true;
    box.enqueue(submission('b'));
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['sent a', 'sent b']);
  });
});
