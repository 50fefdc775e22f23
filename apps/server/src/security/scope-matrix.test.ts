import { testDatabases } from '@tessera/db';
import type { Route } from '@tessera/schema';
import * as schema from '@tessera/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

const isRoute = (value: unknown): value is Route =>
  typeof value === 'object' &&
  value !== null &&
  'operationId' in value &&
  'path' in value &&
  'scope' in value;

/** Every route of the contract: each exported `…Routes` group of the schema, so a new group is covered. */
const ALL: readonly Route[] = Object.entries(schema)
  .filter(([name]) => name.endsWith('Routes'))
  .flatMap(([, group]) => Object.values(group as object).filter(isRoute));

/** A concrete URL for a route pattern (ids need not exist: credentials are checked before anything is looked up). */
function urlFor(route: Route): string {
  return route.path.replace(/:(\w+)/g, (_m, name: string) =>
    name === 'version' ? '1' : name === 'type' ? 'imageannotation' : `x_${name}`,
  );
}

describe.each(testDatabases().slice(0, 1))('credentials and scopes on every route ($dialect)', (db) => {
  let t: TestApp;
  let weakKey: string;
  beforeAll(async () => {
    t = await createTestApp(db);
    const tenant = await t.tenant();
    // A key whose only scope is one no route asks for on its own: every scoped route must refuse it.
    weakKey = (await tenant.user('annotator', ['results:read'])).key;
  });
  afterAll(async () => t?.dispose());

  it('answers 401 without credentials on every non-public route, with a problem body', async () => {
    const failures: string[] = [];
    for (const route of ALL.filter((r) => r.scope !== 'public')) {
      const res = await t.app.inject({
        method: route.method,
        url: urlFor(route),
        ...(route.method === 'GET' ? {} : { payload: {} }),
      });
      const body = res.json() as { code?: string };
      if (res.statusCode !== 401 || body.code !== 'unauthenticated')
        failures.push(`${route.operationId} → ${res.statusCode} ${body.code}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to a key without the route scope', async () => {
    const failures: string[] = [];
    const scoped = ALL.filter(
      (r) => r.scope !== 'public' && r.scope !== 'authenticated' && r.scope !== 'results:read',
    );
    for (const route of scoped) {
      const res = await t.app.inject({
        method: route.method,
        url: urlFor(route),
        headers: { authorization: `Bearer ${weakKey}` },
        ...(route.method === 'GET' ? {} : { payload: {} }),
      });
      if (res.statusCode !== 403) failures.push(`${route.operationId} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses unknown body fields with 400 and the field path on every route that takes a body', async () => {
    const failures: string[] = [];
    const admin = (await t.tenant('Other')).adminKey;
    for (const route of ALL.filter((r) => r.body !== undefined && r.scope !== 'public')) {
      const res = await t.app.inject({
        method: route.method,
        url: urlFor(route),
        headers: { authorization: `Bearer ${admin}` },
        payload: { org_id: 'org_evil', __injected: true },
      });
      const body = res.json() as { code?: string; errors?: { pointer: string }[] };
      const flagged =
        body.errors?.some((e) => e.pointer === '/org_id' || e.pointer === '/__injected') ?? false;
      if (res.statusCode !== 400 || !flagged)
        failures.push(`${route.operationId} → ${res.statusCode} ${JSON.stringify(body).slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
  });
});
