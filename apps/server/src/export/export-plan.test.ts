import { exportPageSql, testDatabases } from '@tessera/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { cloneCompletedTask, type ExportProject, seedExportProject } from './export-test-kit';

const ROWS = 20_000;
const PAGE = 500;

/**
 * A page of the export must be one index range read that stops after LIMIT entries: a plan that sorts what
 * follows the cursor makes every page cost the rest of the export (quadratic; 36 s for 50k rows on
 * PostgreSQL before the (project_id, completed_at, id) index).
 */
describe.each(testDatabases())('the export page plan ($dialect)', (db) => {
  let t: TestApp;
  let seeded: ExportProject;
  beforeAll(async () => {
    t = await createTestApp(db);
    seeded = await seedExportProject(t, { completed: 1 });
    const [template = ''] = seeded.completed;
    await cloneCompletedTask(t.ctx.db.client, template, ROWS, { startMs: t.clock.now() + 1000, perMs: 7 });
  }, 120_000);
  afterAll(async () => t?.dispose());

  it.each([false, true])(
    'walks tasks_project_completed_id in order, no sort (batch filter: %s)',
    async (withBatch) => {
      const mid = t.clock.now() + 1000 + Math.floor(ROWS / 2 / 7);
      const params = [
        seeded.projectId,
        seeded.tenant.orgId,
        ...(withBatch ? [seeded.batchId] : []),
        mid,
        Number.MAX_SAFE_INTEGER,
        mid,
        'tsk_x000010000',
        PAGE,
      ];
      const explain = db.dialect === 'postgres' ? 'EXPLAIN ' : 'EXPLAIN QUERY PLAN ';
      const rows = await t.ctx.db.client.all<Record<string, unknown>>(
        explain + exportPageSql(withBatch),
        params,
      );
      const plan = rows.map((r) => String(r['QUERY PLAN'] ?? r.detail)).join('\n');
      expect(plan).toContain('tasks_project_completed_id');
      expect(plan).not.toMatch(/TEMP B-TREE|Sort/);
    },
  );
});
