import type { Route } from '@tessera/schema';
import * as schema from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { createClient } from './client';
import { contractRoutes } from './route-catalog';

/** Every exported `…Routes` group of the schema, found independently of the client's own catalog. */
const groups = Object.entries(schema).filter(
  ([name, value]) => name.endsWith('Routes') && value !== null && typeof value === 'object',
) as [string, Record<string, Route>][];

describe('route coverage', () => {
  const client = createClient({ baseUrl: 'http://tessera.test' }) as unknown as Record<string, unknown>;

  it('finds the route groups (projects, tasks, queue, and any added later)', () => {
    expect(groups.map(([name]) => name)).toEqual(
      expect.arrayContaining(['projectRoutes', 'taskRoutes', 'queueRoutes']),
    );
  });

  it.each(groups)('%s: every route has a client method of the same name', (_group, routes) => {
    for (const [name, route] of Object.entries(routes)) {
      expect(typeof client[name], `client.${name}`).toBe('function');
      expect(route.operationId, `${name} is named for its operationId`).toBe(name);
    }
  });

  it('route names are unique across groups and path, query and body names are disjoint (flat inputs)', () => {
    const all = contractRoutes();
    expect(Object.keys(all).length).toBe(groups.reduce((n, [, routes]) => n + Object.keys(routes).length, 0));
    const names = (part: unknown) =>
      Object.keys(((part ?? {}) as { properties?: Record<string, unknown> }).properties ?? {});
    for (const route of Object.values(all)) {
      const [p, q, b] = [names(route.params), names(route.query), names(route.body)];
      const clash = [...p.filter((n) => q.includes(n) || b.includes(n)), ...q.filter((n) => b.includes(n))];
      expect(clash, `${route.operationId}: a name in two parts; call it with client.call()`).toEqual([]);
    }
  });
});
