import { testDatabases } from '@tessera/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestTenant } from '../testing/test-app';

interface MembersPage {
  docs: { user_id: string; email: string; name: string; role: string }[];
  has_more: boolean;
  next_token: string | null;
}

describe.each(testDatabases())('project members on $dialect', (db) => {
  let t: TestApp;
  let acme: TestTenant;
  let annotator: { userId: string; key: string };
  let reviewer: { userId: string; key: string };
  let outsider: { userId: string; key: string };

  const call = async (method: 'GET' | 'POST', url: string, key: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    t = await createTestApp(db);
    acme = await t.tenant();
    const created = await call('POST', '/v1/projects', acme.adminKey, { name: 'cars', modality: 'image' });
    expect(created.statusCode, created.body).toBe(201);
    annotator = await acme.user('annotator');
    reviewer = await acme.user('reviewer');
    outsider = await acme.user('annotator');
    for (const u of [annotator, reviewer]) {
      const res = await call('POST', '/v1/projects/cars/members', acme.adminKey, { user_id: u.userId });
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(async () => t?.dispose());

  it('lists members with email and role, page by page', async () => {
    const all = await call('GET', '/v1/projects/cars/members', acme.adminKey);
    expect(all.statusCode, all.body).toBe(200);
    const body = all.json() as MembersPage;
    expect(body.docs.map((m) => [m.user_id, m.role])).toEqual([
      [annotator.userId, 'annotator'],
      [reviewer.userId, 'reviewer'],
    ]);
    expect(body.docs[0]?.email).toMatch(/@.*\.test$/);
    expect(body.has_more).toBe(false);

    const first = (
      await call('GET', '/v1/projects/cars/members?limit=1', acme.adminKey)
    ).json() as MembersPage;
    expect(first.docs.map((m) => m.user_id)).toEqual([annotator.userId]);
    expect(first.has_more).toBe(true);
    const token = encodeURIComponent(first.next_token ?? '');
    const second = (
      await call('GET', `/v1/projects/cars/members?limit=1&next_token=${token}`, acme.adminKey)
    ).json() as MembersPage;
    expect(second.docs.map((m) => m.user_id)).toEqual([reviewer.userId]);
    expect(second.has_more).toBe(false);
  });

  it('lets annotators and reviewers list only projects they belong to', async () => {
    expect((await call('GET', '/v1/projects/cars/members', annotator.key)).statusCode).toBe(200);
    expect((await call('GET', '/v1/projects/cars/members', reviewer.key)).statusCode).toBe(200);
    const refused = await call('GET', '/v1/projects/cars/members', outsider.key);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain(annotator.userId);
  });

  it('answers 404 to another organization and 401 without credentials', async () => {
    const other = await t.tenant('Other');
    const project = (await call('GET', '/v1/projects/cars', acme.adminKey)).json() as { project_id: string };
    for (const ref of ['cars', project.project_id]) {
      const res = await call('GET', `/v1/projects/${ref}/members`, other.adminKey);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(annotator.userId);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/v1/projects/cars/members' });
    expect(anonymous.statusCode).toBe(401);
  });
});
