import type { JobRandom } from '@tessera/jobs';

/** Shared helpers of the jobs contract and runner suites. */
export const T0 = Date.UTC(2026, 0, 1);
export const LEASE = 30_000;

let seq = 0;
/** Ids that sort by creation, so claim order by (run_at, id) is predictable. */
export const newJobId = () => `job_${String(++seq).padStart(8, '0')}`;

/** Replays `values` in a loop. */
export const scripted = (...values: number[]): JobRandom => {
  let i = 0;
  return { next: () => values[i++ % values.length] as number };
};

export const jobIds = (jobs: readonly { id: string }[]) => jobs.map((j) => j.id);
export const NO_JOBS = { queued: 0, running: 0, done: 0, dead: 0 };
