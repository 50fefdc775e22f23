import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { testDatabases } from '@tessera/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRequest, injectWithin, responseFailures } from './f4-oracle';
import { requestArbitrary } from './f4-requests';
import { CONTRACT_ROUTES, F4_TARGETS, openApiOperations, targetTableProblems } from './f4-targets';
import { createFuzzWorld, type FuzzWorld } from './f4-world';
import { NIGHTLY, scale, seedFor } from './scale';

/** Inputs per operation: CI keeps the F4 files near 30 s on 2 busy cores; nightly runs 40 times as many. */
const RUNS = scale(8, 320);
const SEED = seedFor(4_004);
/** Per-input time limit: no request may take longer (a hang fails with its input). */
const INPUT_LIMIT_MS = NIGHTLY ? 10_000 : 5_000;
/** RSS growth the whole run may cause (inputs reach 1.2 MB; V8 grows its heap lazily between collections). */
const RSS_GROWTH_LIMIT = 1024 * 1024 * 1024;
/** Heap still in use after a full collection: what the app (and this test) keep across thousands of inputs. */
const HEAP_RETAINED_LIMIT = 64 * 1024 * 1024;

/** A full garbage collection (the flag is set at run time: CI starts vitest without --expose-gc). */
function collectGarbage(): () => void {
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
}

const operations = [...CONTRACT_ROUTES.values()];

describe.each(testDatabases())(
  `F4 fuzzing of every route (seed ${SEED}, ${RUNS} runs each) on $dialect`,
  (db) => {
    let world: FuzzWorld;
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    const gc = collectGarbage();
    let rssBefore = 0;
    let rssPeak = 0;
    let heapBefore = 0;
    beforeAll(async () => {
      process.on('unhandledRejection', onRejection);
      world = await createFuzzWorld(db);
      gc();
      rssBefore = process.memoryUsage().rss;
      heapBefore = process.memoryUsage().heapUsed;
    });
    afterAll(async () => {
      process.off('unhandledRejection', onRejection);
      await world?.dispose();
    });

    it('has a fuzz target for every operation of the OpenAPI document (a new route without one fails here)', async () => {
      const doc = (await world.t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json();
      const ops = openApiOperations(doc);
      expect(ops.length).toBe(CONTRACT_ROUTES.size);
      expect(targetTableProblems(ops)).toEqual([]);
      expect(Object.keys(F4_TARGETS).sort()).toEqual(ops.map((o) => o.operationId).sort());
    });

    it.each(operations.map((r, i) => [r.operationId, r, i] as const))(
      '%s: only documented 2xx/4xx with the problem envelope, no leak, no hang',
      async (operationId, route, index) => {
        const kind = F4_TARGETS[operationId];
        if (kind === undefined) throw new Error(`${operationId} has no fuzz target`);
        await world.refresh();
        const success = route.status ?? 200;
        const statuses = new Map<number, number>();
        const arbitrary = requestArbitrary(route, kind, world.key, {
          hints: world.hints(),
          maxItems: 3,
          maxChars: 24,
        });
        await fc.assert(
          fc.asyncProperty(arbitrary, async (req) => {
            const res = await injectWithin(world.t.app, req, INPUT_LIMIT_MS);
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            const failures = responseFailures(req, res, success);
            if (failures.length > 0) {
              throw new Error(
                `${failures.join('; ')}\n  request: ${describeRequest(req)}\n  answer: ${res.body.slice(0, 400)}`,
              );
            }
          }),
          { numRuns: RUNS, seed: SEED + index },
        );
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        // Authentication let the inputs through: some reached validation or the handler (not all 401/403).
        const passedAuth = [...statuses.keys()].some((s) => s !== 401 && s !== 403);
        expect(passedAuth, JSON.stringify([...statuses])).toBe(true);
      },
    );

    it('raised no unhandled rejection and kept memory bounded', () => {
      expect(rejections).toEqual([]);
      expect(rssPeak - rssBefore).toBeLessThan(RSS_GROWTH_LIMIT);
      gc();
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(HEAP_RETAINED_LIMIT);
    });
  },
);
