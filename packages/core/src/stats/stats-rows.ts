import type { AnnotationPayload, TaskStage } from '@tessera/schema';

/** What the statistics port answers: small aggregate rows (GROUP BY in SQL), plus bounded samples. */

/** A time window [start, end] cut into buckets of `bucketMs` starting at `start`. */
export interface StatsWindow {
  readonly start: number;
  readonly end: number;
  readonly bucketMs: number;
}

export interface StageCountRow {
  readonly stage: TaskStage;
  readonly tasks: number;
  /** The oldest and newest `created_at` of the stage's tasks. */
  readonly oldestCreatedAt: number | null;
  readonly newestCreatedAt: number | null;
}

/** A count in bucket number `bucket` (0 = the bucket starting at the window start). */
export interface BucketCountRow {
  readonly bucket: number;
  readonly count: number;
}

/** Open tasks sharing one deadline. */
export interface DeadlineGroupRow {
  readonly deadline: number;
  readonly tasks: number;
}

/** Per author over the window: annotations submitted (labels and gold attempts), median reported duration. */
export interface AuthorActivityRow {
  readonly authorId: string;
  readonly submitted: number;
  readonly medianDurationMs: number | null;
}

export interface GoldAccuracyRow {
  readonly annotatorId: string;
  readonly attempts: number;
  readonly meanAccuracy: number;
}

/** One label annotation next to its task's current final label. */
export interface ConsensusSampleRow {
  readonly authorId: string;
  readonly payload: AnnotationPayload;
  readonly finalPayload: AnnotationPayload;
}

/** A task's current final label (its payload and consensus agreement). */
export interface FinalLabelSampleRow {
  readonly payload: AnnotationPayload;
  readonly agreement: number | null;
}

export interface UserLabelRow {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

/** Work counts of one project for the projects list. */
export interface ProjectWorkRow {
  readonly projectId: string;
  readonly queued: number;
  readonly review: number;
  readonly completed: number;
}
