import { carBox, TEST_ONTOLOGY, testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

const CAR = carBox(1, 1, 5, 5);

interface LeaseBody {
  readonly token: number;
  readonly task: { readonly task_id: string };
  readonly item: { readonly uri?: string } | null;
}

describe.each(testDatabases())('POST /v1/queue/submit with lease_next on $dialect', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  async function workspace(tasks: number) {
    t = await createTestApp(db);
    const acme = await t.tenant();
    const { engine } = t.ctx;
    const project = await engine.projects.createProject(acme.orgId, null, {
      name: 'cars',
      modality: 'image',
    });
    const draft = await engine.ontologies.createDraft(acme.orgId, project.id, TEST_ONTOLOGY);
    await engine.ontologies.publish(acme.orgId, project.id, draft.version);
    const annotator = await acme.user('annotator');
    await engine.projects.addMember(acme.orgId, project.id, annotator.userId);
    const item = (i: number) => ({
      media_type: 'image',
      uri: `https://img.test/${i}.png`,
      width: 10,
      height: 10,
    });
    await engine.tasks.createTasks(
      acme.orgId,
      project.id,
      Array.from({ length: tasks }, (_, i) => ({
        type: 'imageannotation',
        item: item(i),
        priority: tasks - i,
      })),
    );
    const post = async (url: string, payload: Record<string, unknown>, key = annotator.key) => {
      const res = await t.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { authorization: `Bearer ${key}` },
      });
      return { status: res.statusCode, body: res.json() as Record<string, unknown> };
    };
    return { acme, post };
  }

  it('answers the submit and the next leases (task and item), rendered like POST /v1/queue/lease', async () => {
    const { post } = await workspace(3);
    const first = await post('/v1/queue/lease', { project: 'cars' });
    const [lease] = first.body.leases as LeaseBody[];
    const res = await post('/v1/queue/submit', {
      task_id: lease!.task.task_id,
      token: lease!.token,
      annotations: CAR,
      lease_next: { project: 'cars', count: 2 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      replayed: false,
      task: { task_id: lease!.task.task_id, status: 'completed' },
    });
    const next = res.body.leases as LeaseBody[];
    expect(next.map((l) => l.item?.uri)).toEqual(['https://img.test/1.png', 'https://img.test/2.png']);
    expect(next.every((l) => l.token === 1)).toBe(true);
    const plain = await post('/v1/queue/submit', {
      task_id: next[0]!.task.task_id,
      token: 1,
      annotations: CAR,
    });
    expect(plain.status).toBe(200);
    expect('leases' in plain.body).toBe(false);
    const last = await post('/v1/queue/submit', {
      task_id: next[1]!.task.task_id,
      token: 1,
      annotations: CAR,
      lease_next: {},
    });
    expect(last.body.leases).toEqual([]);
  });

  it('a lease_next naming another organization’s project is 404 and the submit is not applied', async () => {
    const { post } = await workspace(2);
    const other = await t.tenant('Globex');
    await t.ctx.engine.projects.createProject(other.orgId, null, { name: 'secret', modality: 'image' });
    const [lease] = (await post('/v1/queue/lease', { project: 'cars' })).body.leases as LeaseBody[];
    const body = { task_id: lease!.task.task_id, token: lease!.token, annotations: CAR };
    const refused = await post('/v1/queue/submit', { ...body, lease_next: { project: 'secret' } });
    expect(refused.status).toBe(404);
    const bad = await post('/v1/queue/submit', { ...body, lease_next: { count: 101 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('/lease_next/count');
    const ok = await post('/v1/queue/submit', body);
    expect(ok.body).toMatchObject({ replayed: false }); // the refused calls stored nothing
  });
});
