import { TesseraError } from '@tessera/core';
import type { QuotaResource } from './quota-ledger';

/** Per-organization quotas (every organization gets the same); null: unlimited, and nothing is counted. */
export interface QuotaSettings {
  /** Tasks an organization may hold (TESSERA_QUOTA_TASKS); cancelled ones count, nothing deletes tasks. */
  readonly tasks: number | null;
  /** Webhook endpoints, disabled ones included (TESSERA_QUOTA_WEBHOOK_ENDPOINTS). */
  readonly webhookEndpoints: number | null;
  /** Bytes of stored asset files (TESSERA_QUOTA_ASSET_BYTES); a file stored by two organizations counts for both. */
  readonly assetBytes: number | null;
}

function quotaValue(name: string, value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`invalid ${name} ${value}: a whole number ≥ 0`);
  return n;
}

export function quotaSettings(env: Readonly<Record<string, string | undefined>>): QuotaSettings {
  return {
    tasks: quotaValue('TESSERA_QUOTA_TASKS', env.TESSERA_QUOTA_TASKS),
    webhookEndpoints: quotaValue('TESSERA_QUOTA_WEBHOOK_ENDPOINTS', env.TESSERA_QUOTA_WEBHOOK_ENDPOINTS),
    assetBytes: quotaValue('TESSERA_QUOTA_ASSET_BYTES', env.TESSERA_QUOTA_ASSET_BYTES),
  };
}

/** The quotas api-conventions §8 names: over a count quota 429, over the storage quota 413. */
const STATUS: Readonly<Record<QuotaResource, number>> = {
  tasks: 429,
  webhook_endpoints: 429,
  asset_bytes: 413,
};

/** `quota_exceeded`, naming the quota, its limit, what is in use and what was asked for. */
export function quotaExceeded(
  quota: QuotaResource,
  limit: number,
  used: number,
  requested: number,
): TesseraError {
  return new TesseraError(
    'quota_exceeded',
    STATUS[quota],
    `the organization's ${quota} quota (${limit}) does not leave room for ${requested} more (${used} in use)`,
    { quota, limit, used, requested },
  );
}
