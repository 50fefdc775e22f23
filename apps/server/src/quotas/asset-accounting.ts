import type { Clock } from '@tessera/core';
import type { SqlClient } from '@tessera/db';
import { quotaExceeded } from './quota-config';
import type { QuotaLedger } from './quota-ledger';

/** One asset file an organization is about to store: `commit` once the file is in place, else `release`. */
export interface AssetClaim {
  commit(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Per-organization accounting of content-addressed asset files (`org_assets`, migration 0007): which files
 * an organization stored and their sizes, and the storage quota on their sum. The asset store calls it for
 * every file it stores, so every upload path (images, archives) is counted the same way.
 */
export interface AssetAccounting {
  /**
   * Before writing `file` (`bytes` long) for `orgId`: reserves the bytes under the quota, or throws
   * `413 quota_exceeded` naming `asset_bytes`. A file the organization already stored costs nothing again.
   */
  claim(orgId: string, file: string, bytes: number): Promise<AssetClaim>;
}

export function createAssetAccounting(
  sql: SqlClient,
  clock: Clock,
  ledger: QuotaLedger,
  limit: number | null,
): AssetAccounting {
  const NOTHING: AssetClaim = { commit: async () => undefined, release: async () => undefined };
  const record = (orgId: string, file: string, bytes: number) =>
    sql.run(
      'INSERT INTO org_assets (org_id, file, bytes, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (org_id, file) DO NOTHING',
      [orgId, file, bytes, clock.now()],
    );
  return {
    async claim(orgId, file, bytes) {
      const [owned] = await sql.all('SELECT 1 AS x FROM org_assets WHERE org_id = ? AND file = ?', [
        orgId,
        file,
      ]);
      if (owned !== undefined) return NOTHING;
      if (limit === null)
        return { commit: async () => void (await record(orgId, file, bytes)), release: NOTHING.release };
      const held = await ledger.reserve(orgId, 'asset_bytes', bytes, limit);
      if (held.granted === 0 && bytes > 0) throw quotaExceeded('asset_bytes', limit, held.used, bytes);
      return {
        async commit() {
          await record(orgId, file, bytes);
          await held.release();
        },
        release: () => held.release(),
      };
    },
  };
}
