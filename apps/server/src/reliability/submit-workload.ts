import { createClient, TesseraApiError } from '@tessera/client';
import { markedBox } from '../testing/marked-box';
import type { Attempt, History } from './history';

/** Where clients send requests: the current server, and a promise that is pending while it is down. */
export interface Target {
  url(): string;
  ready(): Promise<void>;
}

/** One submit a client will make: under a lease it took before the faults start. */
export interface PlannedSubmit {
  readonly process: number;
  readonly apiKey: string;
  readonly taskId: string;
  readonly token: number;
}

export interface SubmitOptions {
  readonly target: Target;
  readonly history: History;
  /** Runs after every acknowledgement with the number acknowledged so far (fault schedules hook in here). */
  readonly onAck?: (acked: number) => void;
  /** Every client stops retrying after this (epoch ms); the run then ends with what it has. */
  readonly deadline: number;
  readonly retryDelayMs?: number;
  readonly idPrefix: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Each annotator leases `perClient` tasks through the SDK (100 per request); one list of submits per client. */
export async function leaseAll(
  target: Target,
  annotators: readonly { readonly key: string }[],
  project: string,
  perClient: number,
): Promise<PlannedSubmit[][]> {
  return Promise.all(
    annotators.map(async (a, process) => {
      const client = createClient({ baseUrl: target.url(), apiKey: a.key, retries: 3 });
      const planned: PlannedSubmit[] = [];
      while (planned.length < perClient) {
        const count = Math.min(100, perClient - planned.length); // the API leases at most 100 per call
        const { leases } = await client.leaseTasks({ project, count });
        if (leases.length === 0) break;
        for (const l of leases)
          planned.push({ process, apiKey: a.key, taskId: l.task.task_id, token: l.token });
      }
      return planned;
    }),
  );
}

type Outcome = 'ok' | 'fail' | 'retry';

/** One attempt through the SDK (no SDK retries: every attempt is recorded); classifies its outcome. */
async function attemptSubmit(
  plan: PlannedSubmit,
  options: SubmitOptions,
  attempt: Attempt,
): Promise<Outcome> {
  const client = createClient({
    baseUrl: options.target.url(),
    apiKey: plan.apiKey,
    retries: 0,
    timeoutMs: 20_000,
  });
  const key = `${options.idPrefix}-${plan.taskId}-${plan.token}`;
  try {
    const res = await client.submitAnnotation(
      { task_id: plan.taskId, token: plan.token, annotations: markedBox(plan.process) },
      { idempotencyKey: key },
    );
    attempt.ok(res.annotation_id);
    return 'ok';
  } catch (error) {
    if (error instanceof TesseraApiError) {
      const retryable =
        error.status >= 500 || error.status === 429 || error.code === 'idempotency_key_in_flight';
      if (retryable) {
        attempt.info(`${error.status} ${error.code}`);
        return 'retry';
      }
      attempt.fail(`${error.status} ${error.code}`);
      return 'fail';
    }
    attempt.info((error as Error).message.slice(0, 200));
    return 'retry';
  }
}

/**
 * Every client submits its planned annotations one after another, each with its own Idempotency-Key, and
 * retries every attempt without a definite answer (network error, 5xx, key still in flight) with the same
 * key until it gets one or the deadline passes.
 */
export async function runSubmits(plans: readonly PlannedSubmit[][], options: SubmitOptions): Promise<void> {
  let acked = 0;
  await Promise.all(
    plans.map(async (list) => {
      for (const plan of list) {
        const key = `${options.idPrefix}-${plan.taskId}-${plan.token}`;
        const value = `${plan.taskId}#${plan.token}`;
        for (;;) {
          await options.target.ready();
          const attempt = options.history.invoke(plan.process, 'submit', key, value);
          const outcome = await attemptSubmit(plan, options, attempt);
          if (outcome === 'ok') {
            acked += 1;
            options.onAck?.(acked);
          }
          if (outcome !== 'retry' || Date.now() > options.deadline) break;
          await sleep(options.retryDelayMs ?? 100);
        }
      }
    }),
  );
}

/**
 * `count` fault points, as acknowledgement counts spread over (5%, 95%) of `total` by a seeded generator:
 * the same seed gives the same schedule.
 */
export function faultPoints(random: { next(): number }, total: number, count: number): number[] {
  const points = new Set<number>();
  while (points.size < count) points.add(Math.floor(total * (0.05 + 0.9 * random.next())));
  return [...points].sort((a, b) => a - b);
}

/** Calls `fault(i)` (one at a time) each time the acknowledged count passes point i. */
export function faultSchedule(points: readonly number[], fault: (index: number) => Promise<unknown>) {
  let next = 0;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  return {
    onAck(acked: number) {
      if (busy || next >= points.length || acked < (points[next] as number)) return;
      const index = next++;
      busy = true;
      running = fault(index).finally(() => {
        busy = false;
      });
    },
    /** Resolves when the fault in progress (if any) is over; how many ran. */
    async settle(): Promise<number> {
      await running;
      return next;
    },
  };
}
