import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

const THRESHOLD_MS = 200;
const SAMPLE_MS = 100;

/** Blocks this process's event loop (the in-process server's too) for `ms`. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

/** Lets the overdue sampler timer run (it fires before this later timer). */
const nextTimers = () => new Promise((resolve) => setTimeout(resolve, 1));

/** Waits (bounded) until the app answers /readyz again: startup work can stall the loop past a tiny threshold. */
async function calm(t: TestApp): Promise<void> {
  const until = Date.now() + 10_000;
  while ((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode !== 200) {
    if (Date.now() > until) throw new Error('still overloaded');
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
  }
}

describe.each(testDatabases().slice(0, 1))('R3 overload shedding', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  it('503 overloaded + Retry-After while the event-loop delay is above the threshold; /healthz still answers', async () => {
    t = await createTestApp(db, {
      overload: { maxEventLoopDelayMs: THRESHOLD_MS, sampleIntervalMs: SAMPLE_MS },
    });
    const acme = await t.tenant();
    const headers = { authorization: `Bearer ${acme.adminKey}` };
    const createProject = (name: string) =>
      t.app.inject({ method: 'POST', url: '/v1/projects', headers, payload: { name, modality: 'image' } });
    await calm(t);
    expect((await createProject('before')).statusCode).toBe(201);

    busy(THRESHOLD_MS * 4);
    await nextTimers();
    const shed = await createProject('during');
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('1');
    expect(shed.json()).toMatchObject({ code: 'overloaded', status: 503 });
    expect(shed.headers.ratelimit).toBeUndefined();
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    // A sample on time ends the shedding; the shed request did no work.
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS * 2.5));
    await calm(t);
    const list = await t.app.inject({ method: 'GET', url: '/v1/projects', headers });
    expect(list.statusCode).toBe(200);
    expect((list.json() as { docs: { name: string }[] }).docs.map((p) => p.name)).toEqual(['before']);
    expect((await createProject('after')).statusCode).toBe(201);
  });

  it('sheds nothing below the threshold, and is off when the threshold is 0 (the default)', async () => {
    t = await createTestApp(db, { overload: { maxEventLoopDelayMs: 0, sampleIntervalMs: SAMPLE_MS } });
    busy(THRESHOLD_MS * 4);
    await nextTimers();
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    await t.dispose();
    t = await createTestApp(db, { overload: { maxEventLoopDelayMs: 2_000, sampleIntervalMs: SAMPLE_MS } });
    await calm(t);
    busy(THRESHOLD_MS * 2);
    await nextTimers();
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});
