import { annotatorClient, type ClientKind, type HeldLease } from './annotator-clients';
import { LatencyRecorder, type LatencySummary } from './latency';

export interface LoadPlan {
  /** The serve processes; annotator `i` talks to `urls[i % urls.length]`. */
  readonly urls: readonly string[];
  /** One API key per simulated annotator. */
  readonly keys: readonly string[];
  /** The projects annotator `i` leases from, in turn. */
  readonly projectsOf: (annotator: number) => readonly string[];
  /** Leases per annotator; absent: until the queue is empty for the annotator (an empty lease). */
  readonly leasesPerAnnotator?: number;
  /** The SDK (default) or plain node:http. */
  readonly client?: ClientKind;
  /** `combined`: after the first lease, each submit leases the next task (`lease_next`): one call per task. */
  readonly calls?: CallPattern;
}

/** Two calls per task (lease, then submit) or one (submit with `lease_next`). */
export type CallPattern = 'separate' | 'combined';

export interface LoadResult {
  readonly seconds: number;
  readonly submitted: number;
  /** Lease calls (combined: only each annotator's first). */
  readonly lease: LatencySummary;
  /** Submit calls (combined: submit + lease next). */
  readonly submit: LatencySummary;
  /** CPU seconds this (load-generating) process used during the run. */
  readonly clientCpuSeconds: number;
}

/**
 * K simulated annotators, each its own client (the SDK on its node:http transport by default, one kept-alive
 * connection each), working one task at a time: lease → submit (a valid car box), or with `calls: 'combined'`
 * one submit that leases the next. Latency is timed around each call on the client side. Any error fails the
 * run (the SDK's retries are off).
 */
export async function runAnnotators(plan: LoadPlan): Promise<LoadResult> {
  const lease = new LatencyRecorder();
  const submit = new LatencyRecorder();
  const one = async (i: number): Promise<number> => {
    const client = annotatorClient(
      plan.client ?? 'sdk',
      plan.urls[i % plan.urls.length] as string,
      plan.keys[i] as string,
    );
    const projects = plan.projectsOf(i);
    const projectAt = (n: number) => projects[n % projects.length] as string;
    let submitted = 0;
    let held: HeldLease | null = null;
    for (let n = 0; plan.leasesPerAnnotator === undefined || n < plan.leasesPerAnnotator; n++) {
      const got: HeldLease | null = held ?? (await lease.time(() => client.lease(projectAt(n))));
      if (got === null) {
        if (plan.leasesPerAnnotator === undefined) break;
        throw new Error(`annotator ${i}: empty lease from ${projectAt(n)} while the backlog should be full`);
      }
      const last = plan.leasesPerAnnotator !== undefined && n + 1 >= plan.leasesPerAnnotator;
      if (plan.calls === 'combined' && !last) {
        held = await submit.time(() => client.submitAndLease(got.taskId, got.token, projectAt(n + 1)));
        if (held === null && plan.leasesPerAnnotator === undefined) return submitted + 1;
      } else {
        await submit.time(() => client.submit(got.taskId, got.token));
      }
      submitted += 1;
    }
    return submitted;
  };
  const cpu = process.cpuUsage();
  const start = performance.now();
  const counts = await Promise.all(plan.keys.map((_, i) => one(i)));
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    seconds,
    submitted: counts.reduce((a, b) => a + b, 0),
    lease: lease.summary(),
    submit: submit.summary(),
    clientCpuSeconds: (used.user + used.system) / 1e6,
  };
}
