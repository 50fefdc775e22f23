import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countRows, testDatabases } from '@tessera/db';
import { createTestApp, type TestApp } from '@tessera/server';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_COUNTS } from './demo-content';
import { drawScene, SCENE_HEIGHT, SCENE_WIDTH, sceneLayout } from './demo-images';
import { setupDemo } from './demo-setup';

describe.each(testDatabases())('demo setup on $dialect', (db) => {
  let t: TestApp | undefined;
  let dataDir = '';
  afterEach(async () => {
    await t?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the organization, users, projects, assets and finalized batches once; a rerun changes nothing', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tessera-demo-'));
    t = await createTestApp(db, { dataDir });
    const first = await setupDemo(t.ctx);

    expect(first.projects).toEqual([
      { name: 'demo-images', batch: 'demo-images-1', tasks: DEMO_COUNTS.images },
      { name: 'demo-ner', batch: 'demo-ner-1', tasks: DEMO_COUNTS.texts },
    ]);
    const files = readdirSync(join(dataDir, 'assets'));
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(DEMO_COUNTS.images);
    expect(files.filter((f) => f.endsWith('.txt'))).toHaveLength(DEMO_COUNTS.texts);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(statSync(first.credentialsPath).mode & 0o777).toBe(0o600);
    expect(first.logins.map((l) => [l.email, l.role])).toEqual([
      ['admin@demo.tessera', 'admin'],
      ['annotator@demo.tessera', 'annotator'],
      ['reviewer@demo.tessera', 'reviewer'],
    ]);
    for (const login of first.logins) {
      const session = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: login.email, password: login.password },
      });
      expect(session.statusCode, session.body).toBe(200);
    }

    const auth = { authorization: `Bearer ${first.adminKey}` };
    const get = async (url: string) => (await t?.app.inject({ method: 'GET', url, headers: auth }))?.json();
    expect((await get('/v1/projects')).docs.map((p: { name: string }) => p.name).sort()).toEqual([
      'demo-images',
      'demo-ner',
    ]);
    expect(await get('/v1/batches/demo-images-1/status')).toMatchObject({
      status: 'in_progress',
      pending: 300,
    });
    const [task] = (await get('/v1/tasks?project=demo-images&limit=1')).docs;
    expect(task).toMatchObject({ stage: 'queued', params: {}, metadata: { scene: 1 } });
    const png = await t.app.inject({ method: 'GET', url: '/assets/scene-0001.png' });
    expect(png.headers['content-type']).toBe('image/png');
    expect(await sharp(png.rawPayload).metadata()).toMatchObject({
      width: SCENE_WIDTH,
      height: SCENE_HEIGHT,
    });
    const text = await t.app.inject({ method: 'GET', url: '/assets/text-0001.txt' });
    expect(text.body.length).toBeGreaterThan(20);

    const counts = async () => ({
      orgs: await countRows(t!.ctx.db.client, 'orgs'),
      users: await countRows(t!.ctx.db.client, 'users'),
      keys: await countRows(t!.ctx.db.client, 'api_keys'),
      tasks: await countRows(t!.ctx.db.client, 'tasks'),
      items: await countRows(t!.ctx.db.client, 'items'),
      batches: await countRows(t!.ctx.db.client, 'batches'),
    });
    const before = await counts();
    expect(before).toEqual({ orgs: 1, users: 3, keys: 3, tasks: 400, items: 400, batches: 2 });
    const second = await setupDemo(t.ctx);
    expect(await counts()).toEqual(before);
    expect(second).toEqual(first);
  });
});

describe('synthetic scenes', () => {
  it('are deterministic, inside the image and drawn where the layout says', () => {
    for (let index = 1; index <= 50; index += 1) {
      const layout = sceneLayout(index);
      expect(sceneLayout(index)).toEqual(layout);
      expect(layout.objects.length).toBeGreaterThanOrEqual(1);
      for (const o of layout.objects) {
        expect(o.x).toBeGreaterThanOrEqual(0);
        expect(o.x + o.w).toBeLessThanOrEqual(SCENE_WIDTH);
        expect(o.y + o.h).toBeLessThanOrEqual(SCENE_HEIGHT);
      }
    }
    const layout = sceneLayout(3);
    const pixels = drawScene(layout);
    const last = layout.objects.at(-1)!;
    const at = ((last.y + last.h - 1) * SCENE_WIDTH + last.x + last.w - 1) * 3;
    expect([...pixels.slice(at, at + 3)]).toEqual([...last.rgb]);
  });
});
