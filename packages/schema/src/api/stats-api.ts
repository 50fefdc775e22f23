import Type, { type Static } from 'typebox';
import { Modality } from '../project';
import { TASK_STAGES, type TaskStage } from '../task';
import { NullableTimestamp, route, Timestamp } from './contract';

/** Hours a statistics window may span (30 days), and the most buckets one answer may hold. */
export const STATS_MAX_HOURS = 24 * 30;
export const STATS_MAX_BUCKETS = 2000;
/** Annotations (and final labels) the agreement figures are computed from: the window's most recent ones. */
export const STATS_AGREEMENT_SAMPLE = 2000;
/** Recent events the `events.after` cursor leaves to read. */
export const STATS_RECENT_EVENTS = 50;

const Count = Type.Integer({ minimum: 0 });
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

/** Tasks per workflow stage (every stage present, 0 when empty). */
export const StageCountsDto = Type.Object(
  Object.fromEntries(TASK_STAGES.map((s) => [s, Count])) as Record<TaskStage, typeof Count>,
);
export type StageCountsDto = Static<typeof StageCountsDto>;

export const ThroughputBucketDto = Type.Object({
  start: Timestamp,
  /** Annotations submitted (labels and gold attempts) in [start, start + bucket). */
  submitted: Count,
  /** Tasks completed in [start, start + bucket). */
  completed: Count,
});
export type ThroughputBucketDto = Static<typeof ThroughputBucketDto>;

/** One upcoming task deadline: the open tasks due then, and whether the recent rate clears them in time. */
export const DeadlineCheckDto = Type.Object({
  due_at: Timestamp,
  /** Open tasks due at `due_at`. */
  tasks: Count,
  /** Open tasks due at or before `due_at` (they all have to be done by then). */
  cumulative: Count,
  /** When `cumulative` tasks are done at the recent completion rate; null when nothing completes. */
  projected_at: NullableTimestamp,
  on_track: Type.Boolean(),
});
export type DeadlineCheckDto = Static<typeof DeadlineCheckDto>;

export const DeadlineDto = Type.Object({
  /** Open (not completed, canceled, dead or gold) tasks. */
  remaining: Count,
  /** Completions per hour over the window (from the window start or the project's creation, if later). */
  completion_rate_per_hour: Type.Number({ minimum: 0 }),
  /** When the remaining tasks are done at that rate (now when none remain; null when nothing completes). */
  projected_finish: NullableTimestamp,
  /** The project's SLA (creation to completion), null when it has none. */
  sla_seconds: Type.Union([Type.Integer(), Type.Null()]),
  /** The oldest open task's SLA due time, and the newest one's. */
  sla_oldest_due: NullableTimestamp,
  sla_newest_due: NullableTimestamp,
  /** The nearest open task deadlines (at most 5), earliest first. */
  upcoming: Type.Array(DeadlineCheckDto),
  /** The earliest of the nearest task deadline and the oldest open task's SLA due time. */
  next_due: NullableTimestamp,
  /** False when a deadline or SLA due time will (or did) pass before its tasks are done at the recent rate. */
  on_track: Type.Boolean(),
  /** `none`: no deadline nor SLA applies; `done`: nothing remains; otherwise on_track / at_risk. */
  status: Type.Union([
    Type.Literal('none'),
    Type.Literal('done'),
    Type.Literal('on_track'),
    Type.Literal('at_risk'),
  ]),
});
export type DeadlineDto = Static<typeof DeadlineDto>;

export const ClassAgreementDto = Type.Object({
  class_id: Type.String(),
  /** Final labels in the sample that contain the class. */
  labels: Count,
  /** Of those, labels with an agreement value (consensus of two or more annotations). */
  scored: Count,
  mean_agreement: NullableNumber,
});
export type ClassAgreementDto = Static<typeof ClassAgreementDto>;

export const AnnotatorStatsDto = Type.Object({
  user_id: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
  /** Annotations submitted in the window (labels and gold attempts). */
  submitted: Count,
  per_hour: Type.Number({ minimum: 0 }),
  /** Median reported duration over the window's annotations that carry one; null when none do. */
  median_duration_ms: NullableNumber,
  gold_attempts: Count,
  /** Mean gold accuracy in [0, 1] over the window's gold attempts; null without any. */
  gold_accuracy: NullableNumber,
  /** Sampled annotations compared with their task's current final label. */
  consensus_compared: Count,
  /** Mean agreement with the final label (the consensus agreement function); null when none compared. */
  consensus_agreement: NullableNumber,
});
export type AnnotatorStatsDto = Static<typeof AnnotatorStatsDto>;

export const ProjectStatsDto = Type.Object({
  project: Type.String(),
  project_id: Type.String(),
  generated_at: Timestamp,
  window: Type.Object({
    start: Timestamp,
    end: Timestamp,
    hours: Type.Integer(),
    bucket_minutes: Type.Integer(),
  }),
  stages: StageCountsDto,
  queue: Type.Object({
    /** Leasable tasks (queue depth). */
    queued: Count,
    /** Live leases right now. */
    in_flight: Count,
  }),
  throughput: Type.Object({
    submitted: Count,
    completed: Count,
    buckets: Type.Array(ThroughputBucketDto),
  }),
  deadline: DeadlineDto,
  classes: Type.Array(ClassAgreementDto),
  annotators: Type.Array(AnnotatorStatsDto),
  /**
   * How the agreement figures were sampled: class agreement from the window's most recent `limit` final
   * labels, annotator agreement from the most recent `limit` labels whose task has a final label (tasks
   * labeled once count only when a reviewer fixed them). `truncated` is true when the window held more.
   */
  /** Pass `after` to listEvents (with this project) to read the project's most recent events (up to 50). */
  events: Type.Object({ after: Type.Integer({ minimum: 0 }) }),
  sample: Type.Object({
    limit: Type.Integer(),
    final_labels: Count,
    annotations: Count,
    truncated: Type.Boolean(),
  }),
});
export type ProjectStatsDto = Static<typeof ProjectStatsDto>;

export const WorkItemDto = Type.Object({
  project: Type.String(),
  project_id: Type.String(),
  title: Type.String(),
  modality: Modality,
  /** Queued (leasable) tasks. */
  available: Count,
  in_review: Count,
  completed: Count,
});
export type WorkItemDto = Static<typeof WorkItemDto>;

export const statsRoutes = {
  getProjectStats: route({
    operationId: 'getProjectStats',
    method: 'GET',
    path: '/v1/projects/:project/stats',
    tag: 'stats',
    summary: 'Progress, throughput, deadline forecast, agreement and annotator figures of a project',
    params: Type.Object({ project: Type.String({ minLength: 1, maxLength: 128 }) }),
    query: Type.Object({
      hours: Type.Optional(Type.Integer({ minimum: 1, maximum: STATS_MAX_HOURS, default: 24 })),
      bucket_minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 60, default: 60 })),
    }),
    response: ProjectStatsDto,
    scope: 'results:read',
    objectIds: ['project'],
  }),
  listMyWork: route({
    operationId: 'listMyWork',
    method: 'GET',
    path: '/v1/me/work',
    tag: 'stats',
    summary: "The caller's projects (all of the organization's for managers and admins) with work counts",
    response: Type.Object({ docs: Type.Array(WorkItemDto) }),
    scope: 'annotate',
  }),
} as const;
