import type { ProjectStatsDto } from '@tessera/schema';

/** The headline numbers, as text (the charts repeat them visually). */
export function StatTiles(props: { readonly stats: ProjectStatsDto }) {
  const s = props.stats;
  const tiles: [string, string, number][] = [
    ['stat-completed', 'Completed', s.stages.completed],
    ['stat-queued', 'Queued', s.queue.queued],
    ['stat-in-flight', 'In flight', s.queue.in_flight],
    ['stat-review', 'In review', s.stages.review],
    ['stat-remaining', 'Remaining', s.deadline.remaining],
    ['stat-submitted', `Submitted (${s.window.hours} h)`, s.throughput.submitted],
  ];
  return (
    <div className="dash-tiles">
      {tiles.map(([testId, label, value]) => (
        <div key={testId} className="card dash-tile">
          <div className="dash-tile-value" data-testid={testId}>
            {value.toLocaleString()}
          </div>
          <div className="muted">{label}</div>
        </div>
      ))}
    </div>
  );
}
