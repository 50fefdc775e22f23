export { type BackoffPolicy, backoffCap, backoffDelay, DEFAULT_BACKOFF, isValidBackoff } from './backoff';
export type { Job, JobCounts, JobPayload, JobStatus, NewJob } from './job';
export { InvalidJobError } from './job-errors';
export {
  createJobQueue,
  DEFAULT_MAX_ATTEMPTS,
  type JobClock,
  type JobQueue,
  type JobQueueOptions,
  type JobRandom,
  type PeriodicOptions,
} from './job-queue';
export {
  createJobRunner,
  type JobContext,
  type JobHandler,
  type JobLogger,
  type JobRunner,
  type JobRunnerOptions,
} from './job-runner';
export type { JobSql, JobSqlDialect, JobSqlExecutor, JobSqlValue } from './job-sql';
export { jobsMigration } from './jobs-migration';
