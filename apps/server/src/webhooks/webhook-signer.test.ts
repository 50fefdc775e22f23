import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { verifyDelivery } from '../testing/webhook-test-kit';
import { generateWebhookSecret, signWebhook, webhookHeaders } from './webhook-signer';

const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const received = (headers: Record<string, string>, body: string) => ({ headers, body });

describe('webhook signer (Standard Webhooks 1.0)', () => {
  it('reproduces the published test vector', () => {
    expect(signWebhook(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
    expect(new Webhook(VECTOR.secret).sign(VECTOR.id, new Date(VECTOR.timestamp * 1000), VECTOR.body)).toBe(
      VECTOR.signature,
    );
  });

  it('produces signatures the standardwebhooks library verifies, for any body, id and secret', () => {
    fc.assert(
      fc.property(fc.json(), fc.stringMatching(/^msg_[A-Za-z0-9_-]{1,40}$/), (body, id) => {
        const secret = generateWebhookSecret();
        const at = 1_800_000_000;
        const headers = webhookHeaders([secret], id, at, body);
        expect(verifyDelivery(secret, received(headers, body), at * 1000 + 299_000)).toEqual(
          JSON.parse(body),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('is rejected by the library when one byte of body, id or timestamp changes, or the clock is 300 s off', () => {
    const secret = generateWebhookSecret();
    const at = 1_800_000_000;
    const body = '{"type":"task.completed","task_id":"tsk_1"}';
    const h = webhookHeaders([secret], 'msg_abc', at, body);
    const ok = () => verifyDelivery(secret, received(h, body), at * 1000);
    expect(ok()).toMatchObject({ type: 'task.completed' });
    const flip = (s: string, i: number) =>
      s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ 1) + s.slice(i + 1);
    for (let i = 0; i < body.length; i++) {
      expect(() => verifyDelivery(secret, received(h, flip(body, i)), at * 1000)).toThrow();
    }
    expect(() =>
      verifyDelivery(secret, received({ ...h, 'webhook-id': 'msg_abd' }, body), at * 1000),
    ).toThrow();
    expect(() =>
      verifyDelivery(secret, received({ ...h, 'webhook-timestamp': String(at + 1) }, body), at * 1000),
    ).toThrow();
    expect(() => verifyDelivery(secret, received(h, body), (at + 301) * 1000)).toThrow(/too old/);
    expect(() => verifyDelivery(secret, received(h, body), (at - 301) * 1000)).toThrow(/too new/);
    expect(verifyDelivery(secret, received(h, body), (at + 299) * 1000)).toBeTruthy();
    expect(() => verifyDelivery(generateWebhookSecret(), received(h, body), at * 1000)).toThrow();
  });

  it('signs with every secret during a rotation, and each one verifies on its own', () => {
    const [oldSecret, newSecret] = [generateWebhookSecret(), generateWebhookSecret()];
    const h = webhookHeaders([newSecret, oldSecret], 'msg_rot', 1_800_000_000, '{}');
    expect(h['webhook-signature']?.split(' ')).toHaveLength(2);
    for (const s of [oldSecret, newSecret]) {
      expect(() => verifyDelivery(s, received(h, '{}'), 1_800_000_000_000)).not.toThrow();
    }
  });

  it('makes secrets of 32 random bytes and refuses ids containing a dot', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(() => signWebhook(secret, 'msg.1', 1, '{}')).toThrow();
  });
});
