import type { AnnotatorStatsDto, ProjectStatsDto } from '@tessera/schema';
import { decimal, duration, percent } from './format';

/** Gold accuracy below this is highlighted for the manager's attention. */
const LOW_GOLD = 0.8;

export function annotatorName(a: Pick<AnnotatorStatsDto, 'email' | 'name' | 'user_id'>): string {
  return a.email ?? a.name ?? a.user_id;
}

/** Per annotator in the window: output, speed, gold accuracy and agreement with the consensus. */
export function AnnotatorStatsTable(props: { readonly stats: ProjectStatsDto }) {
  const { annotators, sample, window } = props.stats;
  return (
    <section className="card dash-wide" aria-labelledby="dash-annotators-title">
      <h2 id="dash-annotators-title">Annotators</h2>
      {annotators.length === 0 ? (
        <p className="muted">Nobody submitted in the last {window.hours} h.</p>
      ) : (
        <table data-testid="annotator-table">
          <thead>
            <tr>
              <th>Annotator</th>
              <th className="num">Submitted</th>
              <th className="num">Per hour</th>
              <th className="num">Median time</th>
              <th className="num">Gold accuracy</th>
              <th className="num">Agreement with consensus</th>
            </tr>
          </thead>
          <tbody>
            {annotators.map((a) => (
              <tr key={a.user_id} data-testid={`annotator-row-${a.user_id}`}>
                <td title={a.user_id}>{annotatorName(a)}</td>
                <td className="num">{a.submitted}</td>
                <td className="num">{decimal(Math.round(a.per_hour * 10) / 10)}</td>
                <td className="num">{duration(a.median_duration_ms)}</td>
                <td
                  className={`num${a.gold_accuracy !== null && a.gold_accuracy < LOW_GOLD ? ' dash-low' : ''}`}
                >
                  {percent(a.gold_accuracy)} <span className="muted">({a.gold_attempts})</span>
                </td>
                <td className="num">
                  {percent(a.consensus_agreement)} <span className="muted">({a.consensus_compared})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted dash-note" data-testid="annotator-sample">
        Last {window.hours} h; counts in brackets.{' '}
        {sample.annotations === 0
          ? 'No labels of consensus or reviewed tasks to compare with their final label yet.'
          : `Agreement compares each label with its task's final label, over the ${sample.annotations} most recent labels of consensus or reviewed tasks${sample.truncated ? ` (a sample: the window held more than ${sample.limit})` : ''}.`}
      </p>
    </section>
  );
}
