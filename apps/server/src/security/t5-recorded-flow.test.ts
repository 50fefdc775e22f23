import { testDatabases } from '@tessera/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { type Codebase, scanCodebase } from './t5-codebase';
import { runRepresentativeFlow } from './t5-flow';
import { matchRecorded } from './t5-runtime-match';
import { SITE_EXCEPTIONS } from './t5-site-exceptions';
import { recordStatements } from './t5-statement-recorder';

/**
 * The runtime half of T5: every statement the app runs while serving a representative API flow (and the
 * T1 cross-tenant requests) is one the static check found, and one that breaks the tenant rule comes from a
 * reviewed exception. A statement the static analysis never saw fails here.
 */
let code: Codebase;
beforeAll(async () => {
  code = await scanCodebase();
}, 120_000);

describe.each(testDatabases())('T5 statement recorder on $dialect', (db) => {
  let t: TestApp;
  afterAll(async () => t?.dispose());

  it('runs only statements the static check knows, scoped or excused', async () => {
    t = await createTestApp(db);
    const recorded = recordStatements(t.ctx.db.client);
    await runRepresentativeFlow(t);
    const report = matchRecorded(recorded, code.sites, code.schema, SITE_EXCEPTIONS);
    expect(report.failures, `\n${report.failures.join('\n')}\n`).toEqual([]);
    expect(report.tenantStatements).toBeGreaterThan(80);
  }, 120_000);
});
