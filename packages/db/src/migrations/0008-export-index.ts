import type { Migration } from './column-types';

/**
 * The bulk export's order: a project's completed tasks by completion time, then id. With the id in the
 * index, each keyset page (`(completed_at, id) > (?, ?) ORDER BY completed_at, id LIMIT n`) is one index
 * range read that stops after n entries on both databases, whatever the planner's statistics say; with
 * (project_id, completed_at) alone, PostgreSQL sorted everything after the cursor for every page (quadratic
 * over an export). One index entry per completed task.
 */
export const exportIndexMigration: Migration = {
  name: '0008-export-index',
  statements: () => [
    `CREATE INDEX tasks_project_completed_id ON tasks (project_id, completed_at, id) WHERE stage = 'completed'`,
  ],
};
