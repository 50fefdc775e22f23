import { createHmac, randomBytes } from 'node:crypto';
import { TesseraError } from '@tessera/core';

const PREFIX = 'whsec_';

/** A new endpoint secret: `whsec_` + base64 of 32 random bytes (Standard Webhooks allows 24–64). */
export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64')}`;
}

function secretKey(secret: string): Buffer {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  if (key.length === 0) throw new TesseraError('invalid_secret', 500, 'a webhook secret is empty');
  return key;
}

/**
 * One Standard Webhooks signature: `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` (the exact body
 * bytes that are sent, or were received; a received timestamp is signed as the text it arrived as).
 */
export function signWebhook(
  secret: string,
  id: string,
  timestampSeconds: number | string,
  body: string | Buffer,
): string {
  if (id.includes('.'))
    throw new TesseraError('invalid_message_id', 500, 'a webhook id must not contain "."');
  const mac = createHmac('sha256', secretKey(secret))
    .update(`${id}.${timestampSeconds}.`)
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest('base64');
  return `v1,${mac}`;
}

/** The three signing headers; during a rotation every current secret signs (space-separated). */
export function webhookHeaders(
  secrets: readonly string[],
  id: string,
  timestampSeconds: number,
  body: string,
): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((s) => signWebhook(s, id, timestampSeconds, body)).join(' '),
  };
}
