import type { Clock, IdGenerator } from '@tessera/core';
import { ValidationError } from '@tessera/core';
import { SCOPES, type Scope } from '@tessera/schema';
import { generateApiKey, hashApiKey, keyPrefix } from './api-key-format';
import type { ApiKeyRecord, ApiKeyStore } from './api-key-store';

export interface NewApiKey {
  readonly orgId: string;
  readonly userId: string | null;
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly rateLimit?: { readonly perSecond: number; readonly burst: number };
}

/** Issues API keys (the secret is returned once and never stored) and revokes them. */
export function createApiKeyService(store: ApiKeyStore, clock: Clock, ids: IdGenerator) {
  return {
    async create(input: NewApiKey): Promise<{ key: string; record: ApiKeyRecord }> {
      const unknown = input.scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
      if (unknown.length > 0 || input.scopes.length === 0) {
        throw new ValidationError([
          { path: '/scopes', code: 'invalid', message: `unknown or missing scopes: ${unknown.join(', ')}` },
        ]);
      }
      const key = generateApiKey();
      const record: ApiKeyRecord = {
        id: ids.next('key'),
        orgId: input.orgId,
        userId: input.userId,
        name: input.name,
        prefix: keyPrefix(key),
        keyHash: hashApiKey(key),
        scopes: [...input.scopes],
        ratePerSecond: input.rateLimit?.perSecond ?? null,
        rateBurst: input.rateLimit?.burst ?? null,
        createdAt: clock.now(),
        lastUsedAt: null,
        revokedAt: null,
      };
      await store.insert(record);
      return { key, record };
    },
    list: (orgId: string) => store.list(orgId),
    revoke: (orgId: string, id: string) => store.revoke(orgId, id, clock.now()),
  };
}
export type ApiKeyService = ReturnType<typeof createApiKeyService>;
