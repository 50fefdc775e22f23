import type { Migration } from './column-types';

/**
 * `outbox_task (task_id)` (0001) serves no query: the webhook fan-out reads the outbox by `seq` (through
 * `outbox_pending`) and marks rows by `seq`, and nothing reads it by task (a count by task in the event tests
 * scans the small table). Every customer-visible event wrote an entry: one b-tree fewer per completed task
 * and about three WAL pages fewer in each group commit of the labeling loop (`bench/run.ts --sql-stats`).
 */
export const dropOutboxTaskIndexMigration: Migration = {
  name: '0013-drop-outbox-task-index',
  statements: () => ['DROP INDEX outbox_task'],
};
