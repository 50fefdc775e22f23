import { TesseraApiError } from '@tessera/client';
import type { ProjectStatsDto } from '@tessera/schema';
import { useMemo, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useLoad } from '../../api/use-load';
import { Chart } from '../../components/chart';
import { ErrorText } from '../../components/error-text';
import { AnnotatorStatsTable, annotatorName } from './annotator-stats-table';
import { agreementOption, progressOption, queueOption, throughputOption } from './chart-options';
import { DeadlineCard } from './deadline-card';
import { clockTime } from './format';
import { RecentEvents } from './recent-events';
import { StatTiles } from './stat-tiles';
import { statsFor, useQueueHistory } from './use-queue-history';
import { useRecentEvents } from './use-recent-events';
import './dashboard.css';

/** The windows a manager can pick, each with a bucket size that keeps the chart readable. */
const RANGES = [
  { key: '6h', label: 'Last 6 hours', hours: 6, bucketMinutes: 15 },
  { key: '24h', label: 'Last 24 hours', hours: 24, bucketMinutes: 60 },
  { key: '7d', label: 'Last 7 days', hours: 24 * 7, bucketMinutes: 6 * 60 },
  { key: '30d', label: 'Last 30 days', hours: 24 * 30, bucketMinutes: 24 * 60 },
] as const;
type RangeKey = (typeof RANGES)[number]['key'];

const POLL_MS = 5000;

/** A refusal for lack of scope, said in terms of roles. */
function explain(error: unknown): unknown {
  if (error instanceof TesseraApiError && error.status === 403) {
    return new Error('The dashboard needs the results:read scope (reviewers, managers and admins have it).');
  }
  return error;
}

function Charts(props: { readonly stats: ProjectStatsDto; readonly project: string }) {
  const { stats } = props;
  const queue = useQueueHistory(props.project, stats);
  const progress = useMemo(() => progressOption(stats.stages), [stats.stages]);
  const throughput = useMemo(
    () => throughputOption(stats.throughput.buckets, stats.window.bucket_minutes, stats.window.hours),
    [stats.throughput.buckets, stats.window],
  );
  const queueChart = useMemo(() => queueOption(queue), [queue]);
  const agreement = useMemo(() => agreementOption(stats.classes), [stats.classes]);
  const scoredClasses = stats.classes.filter((c) => c.mean_agreement !== null).length;
  return (
    <>
      <section className="card" aria-labelledby="dash-progress-title">
        <h2 id="dash-progress-title">Progress by stage</h2>
        <Chart option={progress} label="Tasks by stage" height={120} testId="chart-progress" />
        <p className="muted dash-note">{stats.stages.gold} gold tasks not counted.</p>
      </section>
      <section className="card" aria-labelledby="dash-throughput-title">
        <h2 id="dash-throughput-title">Throughput</h2>
        <Chart
          option={throughput}
          label={`Submitted ${stats.throughput.submitted} and completed ${stats.throughput.completed} in the window`}
          testId="chart-throughput"
        />
      </section>
      <section className="card" aria-labelledby="dash-queue-title">
        <h2 id="dash-queue-title">Queue depth</h2>
        <Chart
          option={queueChart}
          label={`${stats.queue.queued} queued, ${stats.queue.in_flight} in flight`}
          testId="chart-queue"
        />
        <p className="muted dash-note">Sampled every {POLL_MS / 1000} s while this page is open.</p>
      </section>
      <section className="card" aria-labelledby="dash-agreement-title">
        <h2 id="dash-agreement-title">Agreement per class</h2>
        {scoredClasses === 0 ? (
          <p className="muted">No consensus labels in the window yet.</p>
        ) : (
          <Chart option={agreement} label="Mean agreement per class" testId="chart-agreement" />
        )}
      </section>
    </>
  );
}

/** `/projects/:project`: progress, throughput, deadline forecast, quality and activity, refreshed every 5 s. */
export function DashboardPage(props: { readonly project: string }) {
  const { client } = useApi();
  const [rangeKey, setRangeKey] = useState<RangeKey>('24h');
  const range = RANGES.find((r) => r.key === rangeKey) ?? RANGES[1];
  const loaded = useLoad(
    () =>
      client.getProjectStats({
        project: props.project,
        hours: range.hours,
        bucket_minutes: range.bucketMinutes,
      }),
    [client, props.project, range],
    POLL_MS,
  );
  const stats = statsFor(loaded.data, props.project);
  const recent = useRecentEvents(props.project, stats?.events.after);
  const names = useMemo(
    () => new Map((stats?.annotators ?? []).map((a) => [a.user_id, annotatorName(a)])),
    [stats?.annotators],
  );
  return (
    <div className="dash">
      <header className="dash-head">
        <h1>{stats?.project ?? props.project}</h1>
        <label className="dash-range">
          <span className="muted">Window</span>
          <select
            data-testid="stats-window"
            value={rangeKey}
            onChange={(e) => setRangeKey(e.target.value as RangeKey)}
          >
            {RANGES.map((r) => (
              <option key={r.key} value={r.key}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" data-testid="stats-updated">
          {stats ? `Updated ${clockTime(Date.parse(stats.generated_at))}` : loaded.loading ? 'Loading…' : ''}
        </span>
      </header>
      <ErrorText error={explain(loaded.error)} />
      {stats ? (
        <>
          <StatTiles stats={stats} />
          <div className="dash-grid">
            <DeadlineCard deadline={stats.deadline} now={Date.parse(stats.generated_at)} />
            <Charts stats={stats} project={props.project} />
            <RecentEvents events={recent.events} error={recent.error} names={names} />
            <AnnotatorStatsTable stats={stats} />
          </div>
        </>
      ) : null}
    </div>
  );
}
