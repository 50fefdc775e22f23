import { columnTypes, type Migration } from './column-types';

/**
 * `assignments.after_assignment_id`: the lease whose submit made this one (a submit with `lease_next`), so a
 * repeat of that submit without an Idempotency-Key answers the leases the first made instead of leasing more.
 * Indexed only while the lease is live: a repeat answers the live ones, and a lease leaves the index when it
 * ends (on PostgreSQL the ended row adds no entry to it).
 */
export const assignmentAfterMigration: Migration = {
  name: '0012-assignment-after',
  statements: (d) => [
    `ALTER TABLE assignments ADD COLUMN after_assignment_id ${columnTypes(d).id}`,
    `CREATE INDEX assignments_after ON assignments (after_assignment_id)
      WHERE status = 'active' AND after_assignment_id IS NOT NULL`,
  ],
};
