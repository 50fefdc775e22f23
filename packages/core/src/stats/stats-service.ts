import {
  type Project,
  STATS_AGREEMENT_SAMPLE,
  STATS_MAX_BUCKETS,
  STATS_MAX_HOURS,
  STATS_RECENT_EVENTS,
  TASK_STAGES,
  type TaskStage,
} from '@tessera/schema';
import type { EngineDeps, Tx } from '../ports';
import { requireProject } from '../project-service';
import { type ClassAgreement, classAgreement, consensusAgreement } from './agreement-stats';
import { type DeadlineForecast, forecastDeadline } from './deadline-forecast';
import type { StageCountRow, StatsWindow } from './stats-rows';
import { activeHours, fillBuckets, statsWindow, type ThroughputBucket } from './stats-window';

/** Stages whose tasks are still to be done (gold tasks never complete and are not counted). */
export const OPEN_STAGES: readonly TaskStage[] = ['staging', 'paused', 'queued', 'labeling', 'review'];

export interface StatsLimits {
  readonly maxHours: number;
  readonly maxBuckets: number;
  /** Final labels and annotations the agreement figures are sampled from (the window's most recent). */
  readonly sample: number;
  /** Upcoming deadlines listed. */
  readonly deadlines: number;
  /** Recent events the events cursor leaves to read. */
  readonly recentEvents: number;
}

export const DEFAULT_STATS_LIMITS: StatsLimits = {
  maxHours: STATS_MAX_HOURS,
  maxBuckets: STATS_MAX_BUCKETS,
  sample: STATS_AGREEMENT_SAMPLE,
  deadlines: 5,
  recentEvents: STATS_RECENT_EVENTS,
};

export interface AnnotatorStats {
  readonly userId: string;
  readonly email: string | null;
  readonly name: string | null;
  readonly submitted: number;
  readonly perHour: number;
  readonly medianDurationMs: number | null;
  readonly goldAttempts: number;
  readonly goldAccuracy: number | null;
  readonly consensusCompared: number;
  readonly consensusAgreement: number | null;
}

export interface ProjectStats {
  readonly project: Project;
  readonly generatedAt: number;
  readonly window: StatsWindow & { readonly hours: number; readonly bucketMinutes: number };
  readonly stages: Readonly<Record<TaskStage, number>>;
  readonly queued: number;
  readonly inFlight: number;
  readonly submitted: number;
  readonly completed: number;
  readonly buckets: readonly ThroughputBucket[];
  readonly deadline: DeadlineForecast;
  readonly classes: readonly ClassAgreement[];
  readonly annotators: readonly AnnotatorStats[];
  /** Listing the project's events after this sequence number gives its most recent ones. */
  readonly eventsAfter: number;
  readonly sample: {
    readonly limit: number;
    readonly finalLabels: number;
    readonly annotations: number;
    readonly truncated: boolean;
  };
}

export interface ProjectWork {
  readonly project: Project;
  readonly available: number;
  readonly inReview: number;
  readonly completed: number;
}

function stageTotals(rows: readonly StageCountRow[]) {
  const stages = Object.fromEntries(TASK_STAGES.map((s) => [s, 0])) as Record<TaskStage, number>;
  let oldestOpen: number | null = null;
  let newestOpen: number | null = null;
  for (const r of rows) {
    stages[r.stage] = r.tasks;
    if (!OPEN_STAGES.includes(r.stage)) continue;
    if (r.oldestCreatedAt !== null) oldestOpen = Math.min(oldestOpen ?? r.oldestCreatedAt, r.oldestCreatedAt);
    if (r.newestCreatedAt !== null) newestOpen = Math.max(newestOpen ?? r.newestCreatedAt, r.newestCreatedAt);
  }
  const remaining = OPEN_STAGES.reduce((n, s) => n + stages[s], 0);
  return { stages, oldestOpen, newestOpen, remaining };
}

async function annotatorTable(
  tx: Tx,
  project: Project,
  window: StatsWindow,
  limit: number,
): Promise<{ annotators: AnnotatorStats[]; compared: number; truncated: boolean }> {
  const activity = await tx.stats.authorActivity(project.id, window);
  const gold = new Map((await tx.stats.goldAccuracy(project.id, window)).map((g) => [g.annotatorId, g]));
  const sample = await tx.stats.consensusSample(project.id, window, limit + 1);
  const compared = sample.slice(0, limit);
  const consensus = consensusAgreement(compared);
  const ids = [...new Set([...activity.map((a) => a.authorId), ...gold.keys()])];
  const users = new Map((await tx.stats.users(project.org_id, ids)).map((u) => [u.id, u]));
  const submitted = new Map(activity.map((a) => [a.authorId, a]));
  const hours = activeHours(window, project.created_at);
  const annotators = ids.map((id): AnnotatorStats => {
    const a = submitted.get(id);
    const g = gold.get(id);
    const c = consensus.get(id);
    return {
      userId: id,
      email: users.get(id)?.email ?? null,
      name: users.get(id)?.name ?? null,
      submitted: a?.submitted ?? 0,
      perHour: (a?.submitted ?? 0) / hours,
      medianDurationMs: a?.medianDurationMs ?? null,
      goldAttempts: g?.attempts ?? 0,
      goldAccuracy: g?.meanAccuracy ?? null,
      consensusCompared: c?.compared ?? 0,
      consensusAgreement: c?.meanAgreement ?? null,
    };
  });
  annotators.sort((x, y) => y.submitted - x.submitted || (x.userId < y.userId ? -1 : 1));
  return { annotators, compared: compared.length, truncated: sample.length > limit };
}

/** Dashboards: a project's progress, throughput, deadline forecast and quality; the caller's projects list. */
export function createStatsService(deps: EngineDeps, limits: StatsLimits = DEFAULT_STATS_LIMITS) {
  const { store, clock } = deps;

  async function collect(tx: Tx, project: Project, window: StatsWindow, now: number) {
    const totals = stageTotals(await tx.stats.stageCounts(project.id));
    const buckets = fillBuckets(
      window,
      await tx.stats.submittedBuckets(project.id, window),
      await tx.stats.completedBuckets(project.id, window),
    );
    const completed = buckets.reduce((n, b) => n + b.completed, 0);
    const deadline = forecastDeadline({
      now,
      remaining: totals.remaining,
      ratePerHour: completed / activeHours(window, project.created_at),
      slaSeconds: project.workflow.sla_seconds,
      oldestOpen: totals.oldestOpen,
      newestOpen: totals.newestOpen,
      deadlines: await tx.stats.openDeadlines(project.id, limits.deadlines),
    });
    return { totals, buckets, completed, deadline };
  }

  return {
    /** Figures over the last `hours` (default 24) in buckets of `bucketMinutes` (default 60). */
    projectStats(
      orgId: string,
      projectId: string,
      options: { hours?: number; bucketMinutes?: number } = {},
    ): Promise<ProjectStats> {
      const now = clock.now();
      const hours = options.hours ?? 24;
      const bucketMinutes = options.bucketMinutes ?? 60;
      const window = statsWindow(now, { hours, bucketMinutes, ...limits });
      return store.read(async (tx) => {
        const project = await requireProject(tx, orgId, projectId);
        const { totals, buckets, completed, deadline } = await collect(tx, project, window, now);
        const labels = await tx.stats.finalLabelSample(project.id, window, limits.sample + 1);
        const table = await annotatorTable(tx, project, window, limits.sample);
        return {
          project,
          generatedAt: now,
          window: { ...window, hours, bucketMinutes },
          stages: totals.stages,
          queued: totals.stages.queued,
          inFlight: await tx.stats.inFlight(project.id, now),
          submitted: buckets.reduce((n, b) => n + b.submitted, 0),
          completed,
          buckets,
          deadline,
          classes: classAgreement(labels.slice(0, limits.sample)),
          annotators: table.annotators,
          eventsAfter: await tx.stats.recentEventsAfter(orgId, project.id, limits.recentEvents),
          sample: {
            limit: limits.sample,
            finalLabels: Math.min(labels.length, limits.sample),
            annotations: table.compared,
            truncated: table.truncated || labels.length > limits.sample,
          },
        };
      });
    },

    /** Projects with their work counts: those `memberId` belongs to, or all of the organization's (null). */
    work(orgId: string, memberId: string | null): Promise<ProjectWork[]> {
      return store.read(async (tx) => {
        const projects =
          memberId === null
            ? await tx.projects.list(orgId)
            : await tx.projects.listForMember(orgId, memberId);
        const ids = projects.map((p) => p.id);
        const counts = new Map((await tx.stats.workCounts(orgId, ids)).map((c) => [c.projectId, c]));
        return projects.map((project) => ({
          project,
          available: counts.get(project.id)?.queued ?? 0,
          inReview: counts.get(project.id)?.review ?? 0,
          completed: counts.get(project.id)?.completed ?? 0,
        }));
      });
    },
  };
}
export type StatsService = ReturnType<typeof createStatsService>;
