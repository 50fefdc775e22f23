import { timingSafeEqual } from 'node:crypto';
import { signWebhook } from '../webhooks/webhook-signer';

/** The three Standard Webhooks headers as received (absent or repeated headers are refused). */
export interface SignatureHeaders {
  readonly id: string | undefined;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
}

export type SignatureCheck =
  | { readonly ok: true; readonly webhookId: string; readonly timestamp: number }
  | { readonly ok: false; readonly code: 'invalid_signature' | 'timestamp_out_of_tolerance' };

const INVALID = { ok: false, code: 'invalid_signature' } as const;
const MAX_ID_CHARS = 256;
/** Integer Unix seconds: up to 12 digits (year 33658), so the arithmetic below stays exact. */
const TIMESTAMP = /^[0-9]{1,12}$/;
/** `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{raw body}` (the exact bytes received). */
export function expectedSignature(secret: string, id: string, timestamp: string, body: Buffer): string {
  return signWebhook(secret, id, timestamp, body);
}

/**
 * True when one of the space-separated entries of `header` equals one of `expected`, compared in constant
 * time with `crypto.timingSafeEqual`. Entries of another length cannot match and are skipped without a
 * compare (their length says nothing about the secret); every equal-length pair is compared in full.
 */
export function anySignatureMatches(header: string, expected: readonly string[]): boolean {
  const wanted = expected.map((s) => Buffer.from(s, 'utf8'));
  let matched = false;
  for (const entry of header.split(' ')) {
    if (!entry.startsWith('v1,')) continue;
    const given = Buffer.from(entry, 'utf8');
    for (const w of wanted) {
      if (given.length === w.length && timingSafeEqual(given, w)) matched = true;
    }
  }
  return matched;
}

/**
 * Verifies a callback before anything reads its body: the signature over the raw bytes with any of
 * `secrets` (the current one, and the previous one while a rotation overlaps), then the timestamp within
 * `toleranceSeconds` of `nowMs` either way. Malformed headers are an invalid signature; the timestamp is
 * judged only once the signature verified, so an unsigned caller learns nothing but `invalid_signature`.
 */
export function verifyCallbackSignature(input: {
  readonly secrets: readonly string[];
  readonly headers: SignatureHeaders;
  readonly body: Buffer;
  readonly nowMs: number;
  readonly toleranceSeconds: number;
}): SignatureCheck {
  const { id, timestamp, signature } = input.headers;
  if (id === undefined || timestamp === undefined || signature === undefined) return INVALID;
  if (id.length === 0 || id.length > MAX_ID_CHARS || id.includes('.')) return INVALID;
  if (!TIMESTAMP.test(timestamp) || input.secrets.length === 0) return INVALID;
  const expected = input.secrets.map((s) => expectedSignature(s, id, timestamp, input.body));
  if (!anySignatureMatches(signature, expected)) return INVALID;
  const seconds = Number(timestamp);
  const now = Math.floor(input.nowMs / 1000);
  if (Math.abs(now - seconds) > input.toleranceSeconds) {
    return { ok: false, code: 'timestamp_out_of_tolerance' };
  }
  return { ok: true, webhookId: id, timestamp: seconds };
}
