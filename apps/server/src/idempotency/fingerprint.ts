import { createHash } from 'node:crypto';
import { TesseraError } from '@tessera/core';

/** Deeper than any body the JSON parser lets through (64); a guard, not a limit anyone should reach. */
const MAX_DEPTH = 256;

function canonical(value: unknown, depth: number): string {
  if (depth > MAX_DEPTH) throw new TesseraError('json_too_deep', 400, 'the request nests too deeply');
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, depth + 1)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(record[k], depth + 1)}`);
  return `{${fields.join(',')}}`;
}

/** JSON with object keys sorted at every level: equal payloads serialise equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return canonical(value, 0);
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The parts of a request that decide what it does. */
export interface FingerprintParts {
  readonly method: string;
  /** The route pattern (`/v1/task/:task_id/cancel`); the concrete ids are in `params`. */
  readonly route: string;
  readonly params: unknown;
  readonly query: unknown;
  /** SHA-256 of the canonical JSON body, or of the raw bytes of a streamed body. */
  readonly bodyHash: string;
}

/** Fingerprint of an Idempotency-Key request (api-conventions §3.2): method + route + canonical body hash. */
export function requestFingerprint(parts: FingerprintParts): string {
  const head = canonicalJson([parts.method, parts.route, parts.params ?? null, parts.query ?? null]);
  return sha256Hex(`${head}\n${parts.bodyHash}`);
}

/** The body hash of a parsed JSON body (absent bodies hash as `null`). */
export function jsonBodyHash(body: unknown): string {
  return sha256Hex(canonicalJson(body ?? null));
}
