import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CAR_BOX,
  createMlWorld,
  type MlWorld,
  predictionsBody,
  type SignedCallback,
  signCallback,
} from '../ml-backends/ml-backend-test-kit';
import { createTestApp, type TestApp } from '../testing/test-app';

type Json = Record<string, unknown>;

/** Each byte of `text` changed to another printable character, one at a time. */
function flips(text: string): string[] {
  return [...text].map(
    (c, i) => `${text.slice(0, i)}${String.fromCharCode(c.charCodeAt(0) ^ 1)}${text.slice(i + 1)}`,
  );
}

/**
 * W4 (reliability-tests): inbound callbacks from ML backends. Every signature here is made by the independent
 * npm `standardwebhooks` package. Pass: the raw body is verified before JSON parsing, the compare is
 * constant-time (unit test in `ml-backends/callback-signature.test.ts`), a replayed `webhook-id` is ignored.
 */
describe.each(testDatabases())('W4 inbound ML-backend callbacks on $dialect', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  async function world(): Promise<MlWorld> {
    t = await createTestApp(db);
    return createMlWorld(t);
  }
  const sign = (w: MlWorld, id: string, body: string | Buffer, atMs = t.clock.now()) =>
    signCallback(w.secret, id, atMs, body);

  it('accepts a callback signed by the standardwebhooks package and stores its predictions, readable per task', async () => {
    const w = await world();
    const res = await w.post(sign(w, 'msg_first', predictionsBody(w.taskIds.slice(0, 2))));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ webhook_id: 'msg_first', replay: false, predictions: 2 });
    const [first] = await w.predictions(w.taskIds[0] as string);
    expect(first).toMatchObject({
      task_id: w.taskIds[0],
      backend_id: w.backendId,
      model_version: 'detector-v7',
      payload: CAR_BOX,
      score: 0.5,
      ontology_version: 1,
      webhook_id: 'msg_first',
    });
    expect(await w.predictions(w.taskIds[2] as string)).toEqual([]);
    expect(await w.countPredictions()).toBe(2);
  });

  it('refuses one flipped byte of the body, the id or the timestamp with 401 invalid_signature, storing nothing', async () => {
    const w = await world();
    const body = predictionsBody([w.taskIds[0] as string]);
    const good = sign(w, 'msg_flip', body);
    const variants: SignedCallback[] = [
      ...flips(body).map((b) => ({ headers: good.headers, body: Buffer.from(b, 'utf8') })),
      ...flips('msg_flip').map((id) => ({ headers: { ...good.headers, 'webhook-id': id }, body: good.body })),
      ...flips(String(good.headers['webhook-timestamp'])).map((ts) => ({
        headers: { ...good.headers, 'webhook-timestamp': ts },
        body: good.body,
      })),
    ];
    const codes = new Map<string, number>();
    for (const v of variants) {
      const res = await w.post(v);
      const key = `${res.statusCode} ${(res.json() as Json).code}`;
      codes.set(key, (codes.get(key) ?? 0) + 1);
    }
    expect([...codes]).toEqual([['401 invalid_signature', variants.length]]);
    expect(await w.countPredictions()).toBe(0);
    // The untouched request still verifies: the refusals were the flips.
    expect((await w.post(good)).statusCode).toBe(200);
  });

  it('rejects a timestamp 301 s off either way (fake clock) and accepts 299 s and 300 s', async () => {
    const w = await world();
    const now = t.clock.now();
    const cases: [number, number, string | undefined][] = [
      [-301, 401, 'timestamp_out_of_tolerance'],
      [301, 401, 'timestamp_out_of_tolerance'],
      [-299, 200, undefined],
      [299, 200, undefined],
      [-300, 200, undefined],
      [300, 200, undefined],
    ];
    for (const [offset, status, code] of cases) {
      const res = await w.post(
        sign(w, `msg_ts_${offset + 1000}`, predictionsBody([w.taskIds[0] as string]), now + offset * 1000),
      );
      expect(res.statusCode, `${offset} s: ${res.body}`).toBe(status);
      if (code !== undefined) expect((res.json() as Json).code).toBe(code);
    }
    expect(await w.countPredictions()).toBe(4);
    // The same message received later, once the server's clock moved 301 s on, is refused too.
    const late = sign(w, 'msg_late', predictionsBody([w.taskIds[1] as string]));
    t.clock.advance(301_000);
    expect((await w.post(late)).json()).toMatchObject({ status: 401, code: 'timestamp_out_of_tolerance' });
  });

  it('verifies the raw body before parsing it: bad signature → 401 whatever the body, good signature → 400 for bad JSON', async () => {
    const w = await world();
    const bodies = [
      '{"predictions": [',
      'not json at all',
      `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
      '{"__proto__": {"polluted": true}, "predictions": []}',
      JSON.stringify({ predictions: [], org_id: 'org_evil' }),
      '',
    ];
    for (const body of bodies) {
      const forged = { ...sign(w, 'msg_raw', body), body: Buffer.from(body, 'utf8') };
      const wrongKey = signCallback('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_raw', t.clock.now(), body);
      for (const bad of [
        { ...forged, headers: { ...forged.headers, 'webhook-signature': 'v1,AAAA' } },
        wrongKey,
      ]) {
        const res = await w.post(bad);
        expect(res.statusCode, body.slice(0, 40)).toBe(401);
        expect((res.json() as Json).code).toBe('invalid_signature');
      }
    }
    const expectations: [string, string, string | undefined][] = [
      ['{"predictions": [', 'invalid_json', undefined],
      ['not json at all', 'invalid_json', undefined],
      [`${'['.repeat(10_000)}${']'.repeat(10_000)}`, 'json_too_deep', undefined],
      ['{"__proto__": {"polluted": true}, "predictions": []}', 'invalid_json', undefined],
      [JSON.stringify({ predictions: [], org_id: 'org_evil' }), 'validation_failed', '/org_id'],
      ['', 'invalid_json', undefined],
    ];
    for (const [i, [body, code, pointer]] of expectations.entries()) {
      const res = await w.post(sign(w, `msg_good_${i}`, body));
      expect(res.statusCode, body.slice(0, 40)).toBe(400);
      const problem = res.json() as { code: string; errors?: { pointer: string }[] };
      expect(problem.code).toBe(code);
      if (pointer !== undefined) expect(problem.errors?.map((e) => e.pointer)).toContain(pointer);
    }
    expect(await w.countPredictions()).toBe(0);
  });

  it('ignores a replayed webhook-id: 200 replay, nothing applied twice, also re-signed later or with another body', async () => {
    const w = await world();
    const body = predictionsBody([w.taskIds[0] as string]);
    const first = sign(w, 'msg_once', body);
    expect((await w.post(first)).json()).toEqual({ webhook_id: 'msg_once', replay: false, predictions: 1 });
    expect((await w.post(first)).json()).toEqual({ webhook_id: 'msg_once', replay: true, predictions: 1 });
    t.clock.advance(120_000);
    // A sender's retry: same id, a fresh timestamp and signature.
    expect((await w.post(sign(w, 'msg_once', body))).json()).toMatchObject({ replay: true });
    const other = predictionsBody(w.taskIds.slice(0, 3));
    expect((await w.post(sign(w, 'msg_once', other))).json()).toMatchObject({ replay: true, predictions: 1 });
    expect(await w.countPredictions()).toBe(1);
  });

  it('applies 20 concurrent deliveries of one webhook-id once', async () => {
    const w = await world();
    const delivery = sign(w, 'msg_burst', predictionsBody(w.taskIds.slice(0, 3)));
    const answers = await Promise.all(Array.from({ length: 20 }, () => w.post(delivery)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    const replays = answers.map((a) => (a.json() as { replay: boolean }).replay);
    expect(replays.filter((r) => !r)).toHaveLength(1);
    expect(answers.every((a) => (a.json() as Json).predictions === 3)).toBe(true);
    expect(await w.countPredictions()).toBe(3);
  });

  it('stores all or nothing: a task outside the backend project is 422 naming its pointer; the id stays usable', async () => {
    const w = await world();
    const foreign = await createMlWorld(t, 'Globex', 1);
    const [a, b] = w.taskIds as [string, string];
    const outsiders = [foreign.taskIds[0] as string, w.otherProjectTaskId, 'tsk_01J0000000000000000000000'];
    const problems: Json[] = [];
    for (const outsider of outsiders) {
      const res = await w.post(sign(w, 'msg_mixed', predictionsBody([a, b, outsider])));
      expect(res.statusCode, res.body).toBe(422);
      const { request_id: _r, ...problem } = res.json() as Json;
      problems.push(problem);
    }
    // Another organization's task, another project's and an unknown id: the same answer (no existence leak).
    expect(problems[0]).toMatchObject({ code: 'unknown_task', pointer: '/predictions/2/task_id' });
    expect(problems.map((p) => JSON.stringify(p))).toEqual(Array(3).fill(JSON.stringify(problems[0])));
    expect(await w.countPredictions()).toBe(0);
    expect(await foreign.countPredictions()).toBe(0);
    // Nothing was recorded under the id: the sender's corrected retry with the same id is applied.
    const fixed = await w.post(sign(w, 'msg_mixed', predictionsBody([a, b])));
    expect(fixed.json()).toEqual({ webhook_id: 'msg_mixed', replay: false, predictions: 2 });
    expect(await w.countPredictions()).toBe(2);
  });

  it("checks each payload against its task's ontology like a submit (400 with pointers, nothing stored)", async () => {
    const w = await world();
    const truckPoint = {
      ...CAR_BOX,
      objects: [{ id: 'p1', class_id: 'truck', geometry: { type: 'point', x: 1, y: 1 }, attributes: {} }],
    };
    const body = JSON.stringify({
      predictions: [
        { task_id: w.taskIds[0], model_version: 'm', payload: CAR_BOX },
        { task_id: w.taskIds[1], model_version: 'm', payload: truckPoint },
      ],
    });
    const res = await w.post(sign(w, 'msg_ontology', body));
    expect(res.statusCode).toBe(400);
    const problem = res.json() as { code: string; errors: { pointer: string; code: string }[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toContainEqual(
      expect.objectContaining({ pointer: '/predictions/1/payload/objects/0/geometry/type' }),
    );
    expect(await w.countPredictions()).toBe(0);
  });

  it("refuses another backend's secret, a deleted or unknown backend, and missing headers alike (401 invalid_signature)", async () => {
    const w = await world();
    const other = (
      await w.call('POST', '/v1/ml-backends', { project: 'bikes', name: 'other' })
    ).json() as Json;
    const body = predictionsBody([w.taskIds[0] as string]);
    const byOther = signCallback(String(other.secret), 'msg_x', t.clock.now(), body);
    const { 'webhook-signature': _s, ...unsigned } = sign(w, 'msg_x', body).headers;
    const attempts = [
      w.post(byOther),
      w.post(sign(w, 'msg_x', body), 'mlb_01J0000000000000000000000'),
      w.post({ headers: unsigned, body: Buffer.from(body) }),
      w.post({ headers: { 'content-type': 'application/json' }, body: Buffer.from(body) }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode).toBe(401);
      expect((res.json() as Json).code).toBe('invalid_signature');
    }
    expect((await w.call('DELETE', `/v1/ml-backends/${w.backendId}`)).statusCode).toBe(200);
    const afterDelete = await w.post(sign(w, 'msg_y', body));
    expect([afterDelete.statusCode, (afterDelete.json() as Json).code]).toEqual([401, 'invalid_signature']);
    expect(await w.countPredictions()).toBe(0);
  });

  it('verifies with the old and the new secret while a rotation overlaps (24 h), then only with the new one', async () => {
    const w = await world();
    const rotated = (await w.call('POST', `/v1/ml-backends/${w.backendId}/rotate-secret`)).json() as Json;
    const fresh = String(rotated.secret);
    expect(fresh).not.toBe(w.secret);
    const body = predictionsBody([w.taskIds[0] as string]);
    expect((await w.post(sign(w, 'msg_old', body))).statusCode).toBe(200);
    expect((await w.post(signCallback(fresh, 'msg_new', t.clock.now(), body))).statusCode).toBe(200);
    // Both signatures in one header, as a sender mid-rotation sends them.
    const both = sign(w, 'msg_both', body);
    const newSig = signCallback(fresh, 'msg_both', t.clock.now(), body).headers['webhook-signature'];
    const header = `${both.headers['webhook-signature']} ${newSig}`;
    expect(
      (await w.post({ ...both, headers: { ...both.headers, 'webhook-signature': header } })).statusCode,
    ).toBe(200);
    t.clock.advance(24 * 3600_000 + 1);
    expect((await w.post(sign(w, 'msg_old2', body))).json()).toMatchObject({ code: 'invalid_signature' });
    expect((await w.post(signCallback(fresh, 'msg_new2', t.clock.now(), body))).statusCode).toBe(200);
  });

  it('answers 415 to a non-JSON media type and 413 above the body limit', async () => {
    const w = await world();
    const body = predictionsBody([w.taskIds[0] as string]);
    const signed = sign(w, 'msg_media', body);
    const asText = await w.post({ ...signed, headers: { ...signed.headers, 'content-type': 'text/plain' } });
    expect([asText.statusCode, (asText.json() as Json).code]).toEqual([415, 'unsupported_media_type']);
    const big = sign(w, 'msg_big', `{"predictions": [], "pad": "${'x'.repeat(t.ctx.config.bodyLimit)}"}`);
    const tooBig = await w.post(big);
    expect([tooBig.statusCode, (tooBig.json() as Json).code]).toEqual([413, 'payload_too_large']);
  });
});
