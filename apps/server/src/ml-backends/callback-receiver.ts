import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '@tessera/core';
import type { SqlClient } from '@tessera/db';
import { CALLBACK_TOLERANCE_SECONDS } from '@tessera/schema';
import { generateWebhookSecret } from '../webhooks/webhook-signer';
import type { CallbackApplier } from './apply-callback';
import { type BackendRecord, backendStore } from './backend-store';
import { invalidSignature, timestampOutOfTolerance } from './callback-errors';
import { type SignatureHeaders, verifyCallbackSignature } from './callback-signature';
import type { MlBackendService } from './ml-backend-service';

export interface CallbackReceiverDeps {
  readonly sql: SqlClient;
  readonly clock: Clock;
  readonly service: MlBackendService;
  readonly apply: CallbackApplier;
}

/** An authenticated callback: the backend whose secret verified it, and the message's `webhook-id`. */
export interface AuthenticatedCallback {
  readonly backend: BackendRecord;
  readonly webhookId: string;
}

/** Longest backend id looked up (the contract's limit; longer ones cannot exist). */
const MAX_BACKEND_ID = 128;

/** A header sent exactly once; absent or repeated is treated as absent. */
function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function signatureHeaders(headers: IncomingHttpHeaders): SignatureHeaders {
  return {
    id: single(headers['webhook-id']),
    timestamp: single(headers['webhook-timestamp']),
    signature: single(headers['webhook-signature']),
  };
}

/** Inbound callbacks: authenticates the raw bytes, then applies the validated predictions. */
export function createCallbackReceiver(deps: CallbackReceiverDeps) {
  // Unknown backends are checked against a random secret nobody holds, so they cost the same HMAC work.
  const decoy = generateWebhookSecret();
  return {
    /**
     * Verifies the signature of `raw` (the exact body bytes, nothing parsed yet) with the backend's
     * secrets, then the timestamp against the injected clock; throws 401 `invalid_signature` or
     * `timestamp_out_of_tolerance`.
     */
    async authenticate(
      backendId: string,
      headers: IncomingHttpHeaders,
      raw: Buffer,
    ): Promise<AuthenticatedCallback> {
      const backend =
        backendId.length <= MAX_BACKEND_ID
          ? await backendStore.getForCallback(deps.sql, backendId)
          : undefined;
      const now = deps.clock.now();
      const check = verifyCallbackSignature({
        secrets: backend === undefined ? [decoy] : deps.service.secretsOf(backend, now),
        headers: signatureHeaders(headers),
        body: raw,
        nowMs: now,
        toleranceSeconds: CALLBACK_TOLERANCE_SECONDS,
      });
      if (!check.ok) {
        throw check.code === 'timestamp_out_of_tolerance' ? timestampOutOfTolerance() : invalidSignature();
      }
      if (backend === undefined) throw invalidSignature();
      return { backend, webhookId: check.webhookId };
    },
    apply: deps.apply,
  };
}
export type CallbackReceiver = ReturnType<typeof createCallbackReceiver>;
