import { annotatorClient, type ClientKind } from './annotator-clients';
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
}

export interface LoadResult {
  readonly seconds: number;
  readonly submitted: number;
  readonly lease: LatencySummary;
  readonly submit: LatencySummary;
  /** CPU seconds this (load-generating) process used during the run. */
  readonly clientCpuSeconds: number;
}

/**
 * K simulated annotators, each its own client (the SDK by default: undici's global fetch keeps connections
 * alive, one per annotator in flight), chaining lease → submit (a valid car box) one task at a time. Lease latency is timed
 * around each `leaseTasks` call on the client side. Any error fails the run (the SDK's retries are off).
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
    let submitted = 0;
    for (let n = 0; plan.leasesPerAnnotator === undefined || n < plan.leasesPerAnnotator; n++) {
      const project = projects[n % projects.length] as string;
      const got = await lease.time(() => client.lease(project));
      if (got === null) {
        if (plan.leasesPerAnnotator === undefined) break;
        throw new Error(`annotator ${i}: empty lease from ${project} while the backlog should be full`);
      }
      await submit.time(() => client.submit(got.taskId, got.token));
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
