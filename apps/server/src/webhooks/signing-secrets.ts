import type { SqlClient } from '@tessera/db';
import type { EndpointRecord } from './endpoint-store';
import { callbackSecretStore } from './endpoint-store';
import type { SecretBox } from './secret-box';
import { generateWebhookSecret } from './webhook-signer';

/** Associated data binding each sealed secret to its owner, so ciphertexts cannot be swapped between rows. */
export const endpointContext = (endpointId: string) => `webhook_endpoint:${endpointId}`;
const callbackContext = (orgId: string) => `webhook_callback:${orgId}`;

/** Plaintext signing secrets, decrypted only for the moment of signing (never logged, never returned twice). */
export interface SigningSecrets {
  /** The endpoint's current secret, plus the rotated-out one while its overlap lasts. */
  forEndpoint(endpoint: EndpointRecord, now: number): string[];
  /** The organization's callback secret(s); one is created on first use if the organization has none. */
  forCallbacks(orgId: string, now: number): Promise<string[]>;
  /** A new callback secret (returned once); the old one keeps signing until `previousExpiresAt`. */
  rotateCallbacks(
    orgId: string,
    now: number,
    overlapMs: number,
  ): Promise<{ secret: string; previousExpiresAt: number | null }>;
  seal(plaintext: string, endpointId: string): string;
}

export function createSigningSecrets(sql: SqlClient, box: SecretBox): SigningSecrets {
  function open(sealed: string, previous: string | null, expires: number | null, ctx: string, now: number) {
    const secrets = [box.open(sealed, ctx)];
    if (previous !== null && expires !== null && expires > now) secrets.push(box.open(previous, ctx));
    return secrets;
  }
  return {
    forEndpoint(endpoint, now) {
      const ctx = endpointContext(endpoint.id);
      return open(endpoint.secret, endpoint.previousSecret, endpoint.previousSecretExpiresAt, ctx, now);
    },
    async forCallbacks(orgId, now) {
      const ctx = callbackContext(orgId);
      let record = await callbackSecretStore.get(sql, orgId);
      if (record === undefined) {
        const sealed = box.seal(generateWebhookSecret(), ctx);
        await sql.transaction((tx) => callbackSecretStore.putIfAbsent(tx, orgId, sealed, now));
        record = await callbackSecretStore.get(sql, orgId);
      }
      if (record === undefined) throw new Error('callback secret vanished');
      return open(record.secret, record.previousSecret, record.previousSecretExpiresAt, ctx, now);
    },
    async rotateCallbacks(orgId, now, overlapMs) {
      const ctx = callbackContext(orgId);
      const secret = generateWebhookSecret();
      return sql.transaction(async (tx) => {
        const current = await callbackSecretStore.get(tx, orgId);
        const previousExpiresAt = current === undefined ? null : now + overlapMs;
        await callbackSecretStore.put(
          tx,
          {
            orgId,
            secret: box.seal(secret, ctx),
            previousSecret: current?.secret ?? null,
            previousSecretExpiresAt: previousExpiresAt,
          },
          now,
        );
        return { secret, previousExpiresAt };
      });
    },
    seal: (plaintext, endpointId) => box.seal(plaintext, endpointContext(endpointId)),
  };
}
