import { testDatabases } from '@tessera/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createPublishedProject, taskLine } from '../testing/ingest-test-kit';
import { createTestApp, type TestApp, type TestTenant } from '../testing/test-app';

const QUOTA = 5;

describe.each(testDatabases())('tasks quota on $dialect', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(db, { quotas: { tasks: QUOTA, webhookEndpoints: null, assetBytes: null } });
  });
  afterAll(async () => t?.dispose());

  async function tenantWithProject(name: string): Promise<TestTenant> {
    const tenant = await t.tenant(name);
    await createPublishedProject(t, tenant, 'cars');
    return tenant;
  }
  const createOne = (tenant: TestTenant, uid: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/tasks',
      headers: { authorization: `Bearer ${tenant.adminKey}` },
      payload: { project: 'cars', ...(JSON.parse(taskLine(uid)) as Record<string, unknown>) },
    });
  const bulk = (tenant: TestTenant, lines: readonly string[]) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/tasks/bulk?project=cars',
      headers: { authorization: `Bearer ${tenant.adminKey}`, 'content-type': 'application/x-ndjson' },
      payload: `${lines.join('\n')}\n`,
    });

  it('a single create past the quota is 429 quota_exceeded naming the quota; nothing is stored', async () => {
    const acme = await tenantWithProject('Acme');
    for (let i = 0; i < QUOTA; i++) expect((await createOne(acme, `a${i}`)).statusCode).toBe(200);
    const refused = await createOne(acme, 'a-over');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      code: 'quota_exceeded',
      status: 429,
      quota: 'tasks',
      limit: QUOTA,
      used: QUOTA,
      requested: 1,
    });
    expect(refused.headers['retry-after']).toBeUndefined();
    expect(await countRows(t, 'tasks', acme.orgId)).toEqual({ rows: QUOTA, distinct: QUOTA });
    // The quota is per organization: another one still has all of its own.
    const globex = await tenantWithProject('Globex');
    expect((await createOne(globex, 'g0')).statusCode).toBe(200);
  });

  it('a bulk upload is decided per line, in order: lines past the quota are reported quota_exceeded', async () => {
    const initech = await tenantWithProject('Initech');
    const lines = [
      taskLine('b1'),
      taskLine('b2'),
      '{not json',
      taskLine('b1'), // duplicate of line 1: takes no quota
      taskLine('b5'),
      taskLine('b6'),
      taskLine('b7'),
      taskLine('b8'),
    ];
    const res = await bulk(initech, lines);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { created: number; duplicates: number; invalid: number; results: unknown[] };
    expect({ created: body.created, duplicates: body.duplicates, invalid: body.invalid }).toEqual({
      created: 5,
      duplicates: 1,
      invalid: 2,
    });
    const [b1] = await t.ctx.db.client.all<{ id: string }>(
      "SELECT id FROM tasks WHERE org_id = ? AND unique_id = 'b1'",
      [initech.orgId],
    );
    const [invalidJson, ...rest] = body.results as { errors: { code: string }[] }[];
    expect(invalidJson).toMatchObject({ line: 3, outcome: 'invalid', errors: [{ code: 'invalid_json' }] });
    expect(rest).toEqual([
      { line: 4, outcome: 'duplicate', existing_task_id: b1?.id },
      {
        line: 8,
        outcome: 'invalid',
        errors: [
          {
            pointer: '/',
            code: 'quota_exceeded',
            message: `the organization's tasks quota (${QUOTA}) is used up`,
          },
        ],
      },
    ]);
    const [stored] = await t.ctx.db.client.all<{ ids: string }>(
      "SELECT COUNT(*) AS n, MIN(unique_id) || ',' || MAX(unique_id) AS ids FROM tasks WHERE org_id = ?",
      [initech.orgId],
    );
    expect(stored?.ids).toBe('b1,b7');
    expect(await countRows(t, 'tasks', initech.orgId)).toEqual({ rows: QUOTA, distinct: QUOTA });
    // A full organization: every line of the next upload is refused, nothing is written, the answer lists them.
    const again = await bulk(initech, [taskLine('c1'), taskLine('c2')]);
    expect(again.json()).toMatchObject({ created: 0, duplicates: 0, invalid: 2 });
    expect(await countRows(t, 'tasks', initech.orgId)).toEqual({ rows: QUOTA, distinct: QUOTA });
  });

  it('concurrent creates of one organization never pass the quota together', async () => {
    const hooli = await tenantWithProject('Hooli');
    const singles = Array.from({ length: 12 }, (_, i) => createOne(hooli, `h${i}`));
    const uploads = [0, 1, 2].map((u) => bulk(hooli, [taskLine(`u${u}a`), taskLine(`u${u}b`)]));
    const [singleRes, bulkRes] = await Promise.all([Promise.all(singles), Promise.all(uploads)]);
    const createdSingles = singleRes.filter((r) => r.statusCode === 200).length;
    expect(singleRes.filter((r) => r.statusCode !== 200).map((r) => r.statusCode)).toEqual(
      Array(12 - createdSingles).fill(429),
    );
    const createdBulk = bulkRes.reduce((n, r) => n + (r.json() as { created: number }).created, 0);
    expect(createdSingles + createdBulk).toBe(QUOTA);
    expect(await countRows(t, 'tasks', hooli.orgId)).toEqual({ rows: QUOTA, distinct: QUOTA });
  });
});
