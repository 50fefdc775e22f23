import type { Readable } from 'node:stream';
import { TesseraError } from '@tessera/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { jsonBodyHash, requestFingerprint, sha256Hex } from './fingerprint';
import { hashStream } from './hash-stream';
import {
  createIdempotencyStore,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type IdempotencyStore,
} from './idempotency-store';

/** Stripe's retention: a key is remembered for 24 h after its first use, then executes anew. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Larger responses are not stored (the key is released instead): replays must stay cheap. */
export const IDEMPOTENCY_MAX_STORED_BYTES = 16 * 1024 * 1024;
const MAX_KEY_LENGTH = 255;

/**
 * Statuses never stored: validation failures (400) and refusals before the operation ran or that ask for a
 * retry (401, 403, 408, 413, 415, 429, 503). Everything else the handler answered is stored and replayed.
 */
const NOT_STORED = new Set([400, 401, 403, 408, 413, 415, 429, 503]);

interface ActiveClaim extends IdempotencyClaim {
  /** Fingerprint without the body hash when the body is a stream (its hash is known only at the end). */
  readonly parts: { method: string; route: string; params: unknown; query: unknown };
  /** The whole fingerprint, when the claim knew it: null for a streamed body until its hash is handed over. */
  fingerprint: string | null;
  bodyHash: string | null;
  settled: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: ActiveClaim | null;
  }
}

function isStream(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body && 'pipe' in body;
}

function readKey(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  const key = Array.isArray(header) ? header.join(', ') : header;
  if (key.length < 1 || key.length > MAX_KEY_LENGTH) {
    throw new TesseraError(
      'invalid_idempotency_key',
      400,
      `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters (a UUID is recommended: v7, time-ordered, is the cheapest to store)`,
    );
  }
  return key;
}

/**
 * A streamed body (the NDJSON bulk upload) is hashed while the route reads it; the route hands the hash
 * over here so the stored fingerprint covers the whole body.
 */
export function recordStreamBodyHash(request: FastifyRequest, sha256: string): void {
  const claim = request.idempotency;
  if (claim === null) return;
  claim.bodyHash = sha256;
  claim.fingerprint = requestFingerprint({ ...claim.parts, bodyHash: sha256 });
}

function replay(reply: FastifyReply, record: IdempotencyRecord): FastifyReply {
  return reply
    .code(record.responseStatus ?? 200)
    .header('content-type', record.responseType ?? 'application/json; charset=utf-8')
    .header('idempotent-replayed', 'true')
    .send(record.responseBody ?? '');
}

/** Answers a request whose key is already held: replay, 409 while in flight, 422 for another payload. */
async function answerHeld(
  request: FastifyRequest,
  reply: FastifyReply,
  record: IdempotencyRecord,
  fingerprintOf: () => Promise<string>,
) {
  if (record.status === 'in_flight') {
    void reply.header('retry-after', '1');
    throw new TesseraError(
      'idempotency_key_in_flight',
      409,
      'a request with this Idempotency-Key is still being processed; retry after it completes',
    );
  }
  if ((await fingerprintOf()) !== record.fingerprint) {
    throw new TesseraError(
      'idempotency_key_mismatch',
      422,
      'this Idempotency-Key was already used for a different request (method, route or body); use a new key',
    );
  }
  request.log.debug({ status: record.responseStatus }, 'idempotent replay');
  return replay(reply, record);
}

function claimHook(ctx: AppContext, store: IdempotencyStore) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'POST' || request.principal === null) return;
    const key = readKey(request.headers['idempotency-key']);
    if (key === null) return;
    const parts = {
      method: request.method,
      route: request.routeOptions.url ?? request.url.split('?')[0] ?? '',
      params: request.params,
      query: request.query,
    };
    const streamed = isStream(request.body);
    const bodyHash = streamed ? null : jsonBodyHash(request.body);
    // A streamed body's hash is unknown until it is read: its claim carries a provisional fingerprint.
    const fingerprint = requestFingerprint({ ...parts, bodyHash: bodyHash ?? `stream:${sha256Hex('')}` });
    const scope = { orgId: request.principal.orgId, credentialId: request.principal.credentialId };
    const claim = { scope, key, createdAt: ctx.clock.now() };
    const outcome = await store.claim(claim, fingerprint, {
      retentionMs: IDEMPOTENCY_RETENTION_MS,
      inFlightTimeoutMs: ctx.config.idempotencyInFlightMs,
    });
    if (outcome.claimed) {
      request.idempotency = {
        ...claim,
        parts,
        fingerprint: bodyHash === null ? null : fingerprint,
        bodyHash,
        settled: false,
      };
      return;
    }
    return answerHeld(request, reply, outcome.record, async () =>
      streamed
        ? requestFingerprint({
            ...parts,
            bodyHash: await hashStream(request.body as Readable, ctx.config.bulkBodyLimit),
          })
        : fingerprint,
    );
  };
}

function storeHook(ctx: AppContext, store: IdempotencyStore) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const claim = request.idempotency;
    if (claim === null || claim.settled) return payload;
    claim.settled = true;
    const body =
      typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
    const fingerprint = claim.fingerprint;
    const storable =
      !NOT_STORED.has(reply.statusCode) &&
      fingerprint !== null &&
      body !== null &&
      Buffer.byteLength(body) <= IDEMPOTENCY_MAX_STORED_BYTES;
    try {
      if (!storable) await store.release(claim);
      else {
        const stored = await store.complete(claim, {
          fingerprint,
          status: reply.statusCode,
          body,
          contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
          completedAt: ctx.clock.now(),
        });
        if (!stored) request.log.warn('idempotency claim was taken over before this request completed');
      }
    } catch (error) {
      // The operation's outcome is already decided: answer it; a retry then meets an in-flight claim (409)
      // until the claim times out.
      request.log.error({ err: error }, 'could not record the Idempotency-Key response');
    }
    return payload;
  };
}

/**
 * `Idempotency-Key` on every POST (api-conventions §3.2), without per-route code: a preHandler (after
 * authentication and validation) claims the key for the caller's org + credential or answers from the
 * stored record, and an onSend hook stores the status and exact body bytes that replays return with
 * `Idempotent-Replayed: true`.
 */
export function installIdempotency(app: FastifyInstance, ctx: AppContext): void {
  const store = createIdempotencyStore(ctx.db.client);
  app.decorateRequest('idempotency', null);
  app.addHook('preHandler', claimHook(ctx, store));
  app.addHook('onSend', storeHook(ctx, store));
}
