import type {
  AuthorActivityRow,
  BucketCountRow,
  ConsensusSampleRow,
  DeadlineGroupRow,
  FinalLabelSampleRow,
  GoldAccuracyRow,
  ProjectWorkRow,
  StageCountRow,
  StatsWindow,
  UserLabelRow,
} from './stats-rows';

/** Read-only aggregates for dashboards: GROUP BY queries over indexed columns, bounded by the window. */
export interface StatsRepo {
  /** Tasks per stage of the project (with each stage's oldest and newest creation time). */
  stageCounts(projectId: string): Promise<StageCountRow[]>;
  /** Live (unexpired) leases of the project at `now`. */
  inFlight(projectId: string, now: number): Promise<number>;
  /** Label and gold annotations submitted per bucket. */
  submittedBuckets(projectId: string, window: StatsWindow): Promise<BucketCountRow[]>;
  /** Tasks completed per bucket. */
  completedBuckets(projectId: string, window: StatsWindow): Promise<BucketCountRow[]>;
  /** The `limit` earliest deadlines of open (not yet finished, non-gold) tasks, with their task counts. */
  openDeadlines(projectId: string, limit: number): Promise<DeadlineGroupRow[]>;
  /** Per author in the window: submitted count and median reported duration. */
  authorActivity(projectId: string, window: StatsWindow): Promise<AuthorActivityRow[]>;
  goldAccuracy(projectId: string, window: StatsWindow): Promise<GoldAccuracyRow[]>;
  /** The window's most recent `limit` label annotations whose task has a final label made from more than one. */
  consensusSample(projectId: string, window: StatsWindow, limit: number): Promise<ConsensusSampleRow[]>;
  /** The window's most recent `limit` current final labels. */
  finalLabelSample(projectId: string, window: StatsWindow, limit: number): Promise<FinalLabelSampleRow[]>;
  users(orgId: string, ids: readonly string[]): Promise<UserLabelRow[]>;
  /** The sequence number after which the project's `count` most recent events follow (0 when it has fewer). */
  recentEventsAfter(orgId: string, projectId: string, count: number): Promise<number>;
  /** Queued, in-review and completed (non-gold) task counts per project. */
  workCounts(orgId: string, projectIds: readonly string[]): Promise<ProjectWorkRow[]>;
}
