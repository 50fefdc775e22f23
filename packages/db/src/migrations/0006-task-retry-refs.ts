import { columnTypes, type Migration } from './column-types';

/**
 * The retry reference of a task created under an Idempotency-Key without a `unique_id`: stored in the
 * task's own row, so a crash after the create's commit and before the key's response was recorded cannot
 * make the late retry create the task again (the retry finds it by reference). Unique per organization;
 * NULL for every other task, which the partial index leaves out (no cost for them). The references are
 * ASCII and looked up by range, so they sort by bytes on both databases (SQLite's default; "C" here).
 */
export const taskRetryRefsMigration: Migration = {
  name: '0006-task-retry-refs',
  statements: (dialect) => [
    `ALTER TABLE tasks ADD COLUMN retry_ref ${columnTypes(dialect).text}${dialect === 'postgres' ? ' COLLATE "C"' : ''}`,
    'CREATE UNIQUE INDEX tasks_retry_ref ON tasks (org_id, retry_ref) WHERE retry_ref IS NOT NULL',
  ],
};
