import { createHash } from 'node:crypto';
import type { RetryRefs } from '@tessera/core';
import type { FastifyRequest } from 'fastify';
import { canonicalJson } from './fingerprint';
import { IDEMPOTENCY_RETENTION_MS } from './idempotency-hooks';

/** Makes the retry reference of each input of a create request that holds an Idempotency-Key. */
export interface RetryRefMaker {
  /** Tasks stored before this time belong to an expired key (the key's 24 h retention). */
  readonly since: number;
  /** The reference of the input at `position` (0 for a single create; the line number in a bulk upload). */
  ref(position: number, content: string): string;
}

/** 132 bits of SHA-256 as 22 base64url characters: collisions are out of reach, and the index stays small. */
function digest(data: string): string {
  return createHash('sha256').update(data).digest('base64url').slice(0, 22);
}

/**
 * The reference maker of a request that claimed an Idempotency-Key, or null without one. A reference is
 * `<request>.<position>.<content>`: a digest of organization, credential, key, method, route, params and
 * query; the input's position (zero-padded); a digest of the input. The same request retried with the same
 * key finds the tasks its first attempt stored, and nothing else does (another key, credential, route,
 * position or input makes another reference). The request part comes first so one request's references
 * are neighbours in the index: a bulk upload's inserts and lookups touch a few pages, not one per line.
 */
export function retryRefMaker(request: FastifyRequest, now: number): RetryRefMaker | null {
  const claim = request.idempotency;
  if (claim === null) return null;
  const { scope, key, parts } = claim;
  const head = digest(
    canonicalJson([
      'task-retry-ref',
      scope.orgId,
      scope.credentialId,
      key,
      parts.method,
      parts.route,
      parts.params ?? null,
      parts.query ?? null,
    ]),
  );
  return {
    since: now - IDEMPOTENCY_RETENTION_MS,
    ref: (position, content) => `${head}.${String(position).padStart(10, '0')}.${digest(content)}`,
  };
}

/** Retry references of a JSON request that creates one task (its body is the input), or undefined. */
export function singleCreateRetryRefs(request: FastifyRequest, now: number): RetryRefs | undefined {
  const maker = retryRefMaker(request, now);
  const bodyHash = request.idempotency?.bodyHash;
  if (maker === null || bodyHash === undefined || bodyHash === null) return undefined;
  return { refs: [maker.ref(0, bodyHash)], since: maker.since };
}
