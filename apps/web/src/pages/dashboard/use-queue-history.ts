import type { ProjectStatsDto } from '@tessera/schema';
import { useEffect, useState } from 'react';
import type { QueueSample } from './chart-options';

/** Whether the statistics are those of the page's project (named by name or id). */
export function statsFor(stats: ProjectStatsDto | undefined, project: string): ProjectStatsDto | undefined {
  return stats !== undefined && (stats.project === project || stats.project_id === project)
    ? stats
    : undefined;
}

/** Appends a sample unless it repeats the last one's time; keeps the newest `max`. */
export function addSample(samples: readonly QueueSample[], next: QueueSample, max: number): QueueSample[] {
  if (samples.at(-1)?.at === next.at) return [...samples];
  return [...samples, next].slice(-max);
}

/**
 * Queue depth over time as seen by this page: the server reports the current depth only, so each poll adds
 * one sample (at 5 s polls, 120 samples are the last 10 minutes). Starts over when the project changes.
 */
export function useQueueHistory(
  project: string,
  stats: ProjectStatsDto | undefined,
  max = 120,
): QueueSample[] {
  const [samples, setSamples] = useState<QueueSample[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new project starts a new history
  useEffect(() => setSamples([]), [project]);
  useEffect(() => {
    const mine = statsFor(stats, project);
    if (mine === undefined) return;
    const sample = {
      at: Date.parse(mine.generated_at),
      queued: mine.queue.queued,
      inFlight: mine.queue.in_flight,
    };
    setSamples((old) => addSample(old, sample, max));
  }, [stats, project, max]);
  return samples;
}
