import type { Clock } from '@tessera/core';
import type { Principal } from '../http/principal';
import { hashApiKey, isWellFormedKey } from './api-key-format';
import type { ApiKeyStore } from './api-key-store';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** `Authorization: Bearer <key>`, or HTTP Basic with the key as user name (Scale v1 and its SDK). */
export function credentialFrom(headers: Headers): string | null {
  const raw = headers.authorization;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return null;
  const [scheme, token] = value.split(' ', 2);
  if (!scheme || !token) return null;
  if (scheme.toLowerCase() === 'bearer') return token.trim();
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(token.trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? decoded : decoded.slice(0, colon);
  }
  return null;
}

/**
 * Resolves API keys to principals, caching each lookup (hit or miss) for `ttlMs`: a revoked key stops
 * working within that time (the documented revocation delay, ≤ 5 s).
 */
export function createKeyAuthenticator(
  store: ApiKeyStore,
  clock: Clock,
  ttlMs = 5_000,
  userRole?: (orgId: string, userId: string) => Promise<Principal['role']>,
) {
  const cache = new Map<string, { principal: Principal | null; until: number }>();
  async function authenticateKey(key: string): Promise<Principal | null> {
    if (!isWellFormedKey(key)) return null;
    const hash = hashApiKey(key);
    const now = clock.now();
    const hit = cache.get(hash);
    if (hit && hit.until > now) return hit.principal;
    const record = await store.findByHash(hash);
    let principal: Principal | null = null;
    if (record && record.revokedAt === null) {
      principal = {
        orgId: record.orgId,
        credentialId: record.id,
        kind: 'api_key',
        scopes: new Set(record.scopes),
        userId: record.userId,
        role: record.userId && userRole ? await userRole(record.orgId, record.userId) : null,
        rateLimit:
          record.ratePerSecond !== null
            ? { perSecond: record.ratePerSecond, burst: record.rateBurst ?? Math.ceil(record.ratePerSecond) }
            : null,
      };
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { principal, until: now + ttlMs });
    return principal;
  }
  return {
    authenticateKey,
    async authenticate(headers: Headers): Promise<Principal | null> {
      const key = credentialFrom(headers);
      return key === null ? null : authenticateKey(key);
    },
  };
}
