import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createPublishedProject } from '../testing/ingest-test-kit';
import { createTestApp, type TestApp, type TestTenant } from '../testing/test-app';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth';

function nested(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

describe('JSON depth scan', () => {
  it('counts objects and arrays, ignores brackets inside strings and escapes', () => {
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(exceedsJsonDepth(`{"s":"${'['.repeat(500)}\\"${'{'.repeat(500)}"}`)).toBe(false);
    expect(exceedsJsonDepth(`[${'[]'.repeat(1000)}]`)).toBe(false);
  });
});

describe.each(testDatabases())('body limits (R4, U1) on $dialect', (db) => {
  let t: TestApp;
  let acme: TestTenant;
  afterEach(async () => t?.dispose());

  const post = (payload: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/tasks',
      headers: { authorization: `Bearer ${acme.adminKey}`, 'content-type': 'application/json' },
      payload,
    });

  it('R4: JSON nested 100k levels is a 400 and the server keeps serving; the depth cap is exact', async () => {
    t = await createTestApp(db);
    acme = await t.tenant();
    await createPublishedProject(t, acme, 'cars');
    for (const deep of [nested(100_000), `${'['.repeat(100_000)}${']'.repeat(100_000)}`]) {
      const res = await post(deep);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'json_too_deep', status: 400 });
    }
    // The body object is level 1, metadata level 2: metadata may nest 62 more levels, not 63.
    const withMetadata = (levels: number) =>
      `{"project":"cars","type":"imageannotation","metadata":{"m":${nested(levels)}}}`;
    expect((await post(withMetadata(MAX_JSON_DEPTH - 2))).statusCode).toBe(200);
    expect((await post(withMetadata(MAX_JSON_DEPTH - 1))).statusCode).toBe(400);
    expect(
      (await post('{"project":"cars","type":"imageannotation","__proto__":{"admin":true}}')).statusCode,
    ).toBe(400);
  });

  it('R4/U1: a 10 MB string field is 413; the JSON body limit (1 MiB by default) is exact', async () => {
    expect(loadConfig({ env: {} }).bodyLimit).toBe(1024 * 1024);
    t = await createTestApp(db, { bodyLimit: 4096 });
    acme = await t.tenant();
    await createPublishedProject(t, acme, 'cars');
    const big = await post(
      JSON.stringify({ project: 'cars', type: 'imageannotation', instruction: 'x'.repeat(10_000_000) }),
    );
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'payload_too_large', status: 413 });
    const sized = (n: number) => {
      const head = '{"project":"cars","type":"imageannotation","instruction":"';
      return `${head}${'y'.repeat(n - head.length - 2)}"}`;
    };
    expect(Buffer.byteLength(sized(4096))).toBe(4096);
    expect((await post(sized(4096))).statusCode).toBe(200);
    expect((await post(sized(4097))).statusCode).toBe(413);
  });
});
