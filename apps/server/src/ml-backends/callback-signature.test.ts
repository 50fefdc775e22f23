import { timingSafeEqual } from 'node:crypto';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { anySignatureMatches, expectedSignature, verifyCallbackSignature } from './callback-signature';

// The real timingSafeEqual, observed: the compare must go through it (and only with equal lengths).
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});
const compare = vi.mocked(timingSafeEqual);

/** The published Standard Webhooks test vector (api-conventions §6.1). */
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1614265330',
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const AT = 1614265330 * 1000;

const check = (signature: string, secrets = [VECTOR.secret], nowMs = AT, body = VECTOR.body) =>
  verifyCallbackSignature({
    secrets,
    headers: { id: VECTOR.id, timestamp: VECTOR.timestamp, signature },
    body: Buffer.from(body, 'utf8'),
    nowMs,
    toleranceSeconds: 300,
  });

describe('callback signature verifier', () => {
  beforeEach(() => {
    compare.mockClear();
  });

  it('reproduces the published vector over the raw bytes and accepts it', () => {
    const sig = expectedSignature(VECTOR.secret, VECTOR.id, VECTOR.timestamp, Buffer.from(VECTOR.body));
    expect(sig).toBe(VECTOR.signature);
    expect(check(VECTOR.signature)).toEqual({ ok: true, webhookId: VECTOR.id, timestamp: 1614265330 });
  });

  it('compares with crypto.timingSafeEqual, only equal-length buffers, and never throws on other lengths', () => {
    const good = VECTOR.signature;
    const odd = ['v1,', 'v1,A', `${good}=`, `${good}${'A'.repeat(500)}`, good.slice(0, -1), 'v1,😀😀😀', ''];
    for (const s of odd) expect(() => check(s)).not.toThrow();
    for (const s of odd) expect(check(s)).toEqual({ ok: false, code: 'invalid_signature' });
    // Same length as a real signature, wrong bytes: compared in constant time, refused.
    const forged = `v1,${'A'.repeat(good.length - 3)}`;
    expect(check(forged)).toEqual({ ok: false, code: 'invalid_signature' });
    expect(compare).toHaveBeenCalled();
    compare.mockClear();
    // Several entries: other versions and lengths are skipped, the matching one is found.
    expect(check(`v1a,${good.slice(3)} v1,short ${forged} ${good}`).ok).toBe(true);
    expect(compare).toHaveBeenCalledTimes(2);
    for (const [a, b] of compare.mock.calls) {
      expect((a as Buffer).length).toBe((b as Buffer).length);
    }
  });

  it('random headers never throw and match only when they carry the signature', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 120 }),
        fc.array(fc.string({ maxLength: 60 }), { maxLength: 4 }),
        (a, more) => {
          const header = [a, ...more].join(' ');
          expect(anySignatureMatches(header, [VECTOR.signature])).toBe(
            header.split(' ').includes(VECTOR.signature),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with the standardwebhooks package for random bodies, ids and secrets', () => {
    fc.assert(
      fc.property(
        fc.json(),
        fc.stringMatching(/^msg_[A-Za-z0-9_-]{1,40}$/),
        fc.uint8Array({ minLength: 24, maxLength: 64 }),
        (body, id, key) => {
          const secret = `whsec_${Buffer.from(key).toString('base64')}`;
          const signature = new Webhook(secret).sign(id, new Date(AT), body);
          const result = verifyCallbackSignature({
            secrets: [secret],
            headers: { id, timestamp: String(AT / 1000), signature },
            body: Buffer.from(body, 'utf8'),
            nowMs: AT,
            toleranceSeconds: 300,
          });
          expect(result.ok).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('judges the timestamp after the signature: ±300 s pass, ±301 s fail; an unsigned caller only sees invalid_signature', () => {
    expect(check(VECTOR.signature, undefined, AT + 300_000).ok).toBe(true);
    expect(check(VECTOR.signature, undefined, AT - 300_000).ok).toBe(true);
    expect(check(VECTOR.signature, undefined, AT + 301_000)).toEqual({
      ok: false,
      code: 'timestamp_out_of_tolerance',
    });
    expect(check(VECTOR.signature, undefined, AT - 301_000)).toEqual({
      ok: false,
      code: 'timestamp_out_of_tolerance',
    });
    expect(check('v1,AAAA', undefined, AT + 10_000_000)).toEqual({ ok: false, code: 'invalid_signature' });
  });

  it('refuses missing or malformed headers, and verifies with any current secret (rotation)', () => {
    const base = {
      secrets: [VECTOR.secret],
      body: Buffer.from(VECTOR.body),
      nowMs: AT,
      toleranceSeconds: 300,
    };
    const headers = { id: VECTOR.id, timestamp: VECTOR.timestamp, signature: VECTOR.signature };
    for (const h of [
      { ...headers, id: undefined },
      { ...headers, timestamp: undefined },
      { ...headers, signature: undefined },
      { ...headers, id: 'a.b' },
      { ...headers, id: '' },
      { ...headers, timestamp: '1614265330.0' },
      { ...headers, timestamp: '-1614265330' },
    ]) {
      expect(verifyCallbackSignature({ ...base, headers: h })).toEqual({
        ok: false,
        code: 'invalid_signature',
      });
    }
    expect(verifyCallbackSignature({ ...base, headers, secrets: [] }).ok).toBe(false);
    const other = 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(verifyCallbackSignature({ ...base, headers, secrets: [other, VECTOR.secret] }).ok).toBe(true);
    expect(verifyCallbackSignature({ ...base, headers, secrets: [other] }).ok).toBe(false);
  });

  it('signs the exact bytes: a body that is not valid UTF-8 is verified as sent', () => {
    const raw = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const sig = expectedSignature(VECTOR.secret, VECTOR.id, VECTOR.timestamp, raw);
    const verify = (body: Buffer) =>
      verifyCallbackSignature({
        secrets: [VECTOR.secret],
        headers: { id: VECTOR.id, timestamp: VECTOR.timestamp, signature: sig },
        body,
        nowMs: AT,
        toleranceSeconds: 300,
      }).ok;
    expect(verify(raw)).toBe(true);
    expect(verify(Buffer.from(raw.toString('utf8'), 'utf8'))).toBe(false);
  });
});
