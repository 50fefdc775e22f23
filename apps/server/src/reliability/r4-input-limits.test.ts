import { testDatabases } from '@tessera/db';
import type { Route } from '@tessera/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import type { JsonSchema } from './f4-schema-arbitrary';
import { CONTRACT_ROUTES, F4_TARGETS } from './f4-targets';
import { createFuzzWorld, type FuzzWorld } from './f4-world';

const LEVELS = 100_000;
const deepArrays = `${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}`;
const deepObjects = `${'{"a":'.repeat(LEVELS)}1${'}'.repeat(LEVELS)}`;
const TEN_MB = 10 * 1000 * 1000;

const JSON_ROUTES = [...CONTRACT_ROUTES.values()].filter((r) => F4_TARGETS[r.operationId] === 'json');

/** A URL for a route, aimed at the world's objects. */
function urlOf(route: Route, hints: Readonly<Record<string, readonly unknown[]>>): string {
  return route.path.replace(/:(\w+)/g, (_m, name: string) =>
    encodeURIComponent(String(hints[name]?.[0] ?? 'x')),
  );
}

/** Every `pattern` in the request schemas of the contract (the only regular expressions requests meet). */
function contractPatterns(): string[] {
  const found = new Set<string>();
  const walk = (s: JsonSchema | undefined) => {
    if (s === undefined) return;
    if (s.pattern !== undefined) found.add(s.pattern);
    for (const sub of [...Object.values(s.properties ?? {}), ...Object.values(s.patternProperties ?? {})])
      walk(sub);
    for (const sub of s.anyOf ?? []) walk(sub);
    walk(s.items);
  };
  for (const r of CONTRACT_ROUTES.values())
    for (const part of [r.params, r.query, r.body]) walk(part as JsonSchema | undefined);
  return [...found];
}

describe.each(testDatabases())(
  'R4: nesting, size and pattern limits on every JSON route ($dialect)',
  (db) => {
    let world: FuzzWorld;
    beforeAll(async () => {
      world = await createFuzzWorld(db);
    });
    afterAll(async () => world?.dispose());

    const send = (route: Route, payload: string) =>
      world.t.app.inject({
        method: route.method,
        url: urlOf(route, world.hints()),
        headers: { authorization: `Bearer ${world.key}`, 'content-type': 'application/json' },
        payload,
      });

    it('JSON nested 100k levels (arrays, objects) is 400 json_too_deep on every route with a JSON body; the server keeps serving', async () => {
      expect(JSON_ROUTES.length).toBeGreaterThan(15);
      const failures: string[] = [];
      for (const route of JSON_ROUTES) {
        for (const deep of [deepArrays, deepObjects, `{"x":${deepArrays}}`]) {
          const res = await send(route, deep);
          const body = res.json() as { code?: string; status?: number };
          if (res.statusCode !== 400 || body.code !== 'json_too_deep' || body.status !== 400)
            failures.push(`${route.operationId} → ${res.statusCode} ${body.code}`);
        }
      }
      expect(failures).toEqual([]);
      const me = await world.t.app.inject({
        method: 'GET',
        url: '/v1/auth/me',
        headers: { authorization: `Bearer ${world.key}` },
      });
      expect(me.statusCode).toBe(200);
    });

    it('a 10 MB string field is 413 payload_too_large on every route with a JSON body (default 1 MiB limit)', async () => {
      expect(world.t.ctx.config.bodyLimit).toBe(loadConfig({ env: {} }).bodyLimit);
      expect(world.t.ctx.config.bodyLimit).toBeLessThan(TEN_MB);
      const big = JSON.stringify({ name: 'x'.repeat(TEN_MB) });
      const failures: string[] = [];
      for (const route of JSON_ROUTES) {
        const res = await send(route, big);
        const body = res.json() as { code?: string; status?: number };
        if (res.statusCode !== 413 || body.code !== 'payload_too_large' || body.status !== 413)
          failures.push(`${route.operationId} → ${res.statusCode} ${body.code}`);
      }
      expect(failures).toEqual([]);
    });

    it('in the bulk NDJSON stream, a 100k-deep line and a 10 MB line are per-line errors, the other lines are created', async () => {
      const hints = world.hints();
      const good = JSON.stringify({
        type: 'imageannotation',
        item: { media_type: 'image', width: 4, height: 4 },
      });
      const res = await world.t.app.inject({
        method: 'POST',
        url: `/v1/tasks/bulk?project=${String(hints.project?.[0])}`,
        headers: { authorization: `Bearer ${world.key}`, 'content-type': 'application/x-ndjson' },
        payload: [
          good,
          deepArrays,
          JSON.stringify({ type: 'x', instruction: 'y'.repeat(TEN_MB) }),
          good,
        ].join('\n'),
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const body = res.json() as {
        created: number;
        invalid: number;
        results: { line: number; errors?: { code: string }[] }[];
      };
      expect(body.created).toBe(2);
      expect(body.invalid).toBe(2);
      expect(body.results.map((r) => [r.line, r.errors?.[0]?.code])).toEqual([
        [2, 'json_too_deep'],
        [3, 'line_too_long'],
      ]);
    });
  },
);

describe('R4: regex-like filters', () => {
  it('no list filter takes a pattern (no regex, LIKE or glob parameter); the contract patterns run in linear time', () => {
    const filterNames = [...CONTRACT_ROUTES.values()].flatMap((r) =>
      Object.keys((r.query as JsonSchema | undefined)?.properties ?? {}),
    );
    expect(filterNames.filter((n) => /regex|pattern|match|like|glob|search|^q$/i.test(n))).toEqual([]);
    const patterns = contractPatterns();
    expect(patterns.length).toBeGreaterThan(0);
    // Inputs that make backtracking engines blow up on nested or overlapping quantifiers.
    const n = 100_000;
    const hostile = [
      'a'.repeat(n),
      `${'a'.repeat(n)}!`,
      `${'a@'.repeat(n)}`,
      `${'a.'.repeat(n)}\n`,
      `#${'f'.repeat(n)}`,
    ];
    for (const pattern of patterns) {
      const re = new RegExp(pattern, 'u');
      const started = performance.now();
      for (const input of hostile) re.test(input);
      expect(performance.now() - started, pattern).toBeLessThan(250);
    }
  });
});
