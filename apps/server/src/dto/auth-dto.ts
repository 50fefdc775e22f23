import type { ApiKeyDto, CreatedApiKeyDto, UserDto } from '@tessera/schema';
import type { ApiKeyRecord } from '../auth/api-key-store';
import type { UserAccount } from '../auth/user-store';
import { iso } from './dto';

const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function userDto(u: UserAccount): UserDto {
  return {
    user_id: u.id,
    org_id: u.org_id,
    email: u.email,
    name: u.name,
    role: u.role,
    has_password: u.has_password,
    created_at: iso(u.created_at),
  };
}

/** A key as lists show it: prefix, never the secret or its hash. */
export function apiKeyDto(k: ApiKeyRecord): ApiKeyDto {
  return {
    key_id: k.id,
    prefix: k.prefix,
    name: k.name,
    scopes: [...k.scopes],
    user_id: k.userId,
    rate_limit:
      k.ratePerSecond === null
        ? null
        : { per_second: k.ratePerSecond, burst: k.rateBurst ?? Math.ceil(k.ratePerSecond) },
    created_at: iso(k.createdAt),
    last_used_at: isoOrNull(k.lastUsedAt),
    revoked_at: isoOrNull(k.revokedAt),
  };
}

/** The one response that carries the secret. */
export function createdApiKeyDto(k: ApiKeyRecord, key: string): CreatedApiKeyDto {
  return {
    key_id: k.id,
    key,
    prefix: k.prefix,
    name: k.name,
    scopes: [...k.scopes],
    user_id: k.userId,
    created_at: iso(k.createdAt),
  };
}
