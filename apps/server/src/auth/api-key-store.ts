import type { SqlExecutor } from '@tessera/db';
import type { Scope } from '@tessera/schema';

export interface ApiKeyRecord {
  readonly id: string;
  readonly orgId: string;
  readonly userId: string | null;
  readonly name: string;
  readonly prefix: string;
  readonly keyHash: string;
  readonly scopes: readonly Scope[];
  readonly ratePerSecond: number | null;
  readonly rateBurst: number | null;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

type Row = Record<string, unknown>;
const opt = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toRecord(r: Row): ApiKeyRecord {
  return {
    id: String(r.id),
    orgId: String(r.org_id),
    userId: r.user_id === null ? null : String(r.user_id),
    name: String(r.name),
    prefix: String(r.prefix),
    keyHash: String(r.key_hash),
    scopes: JSON.parse(String(r.scopes)) as Scope[],
    ratePerSecond: opt(r.rate_per_second),
    rateBurst: opt(r.rate_burst),
    createdAt: Number(r.created_at),
    lastUsedAt: opt(r.last_used_at),
    revokedAt: opt(r.revoked_at),
  };
}

/** API keys in SQL (only hashes are stored). */
export function createApiKeyStore(db: { all: SqlExecutor['all']; run: SqlExecutor['run'] }) {
  return {
    async insert(k: ApiKeyRecord): Promise<void> {
      await db.run(
        `INSERT INTO api_keys (id, org_id, user_id, name, prefix, key_hash, scopes, rate_per_second, rate_burst, created_at, last_used_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          k.id,
          k.orgId,
          k.userId,
          k.name,
          k.prefix,
          k.keyHash,
          JSON.stringify(k.scopes),
          k.ratePerSecond,
          k.rateBurst,
          k.createdAt,
          null,
          null,
        ],
      );
    },
    async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
      const [r] = await db.all('SELECT * FROM api_keys WHERE key_hash = ?', [hash]);
      return r === undefined ? undefined : toRecord(r);
    },
    async list(orgId: string): Promise<ApiKeyRecord[]> {
      return (await db.all('SELECT * FROM api_keys WHERE org_id = ? ORDER BY created_at, id', [orgId])).map(
        toRecord,
      );
    },
    /** One page in (created_at, id) order, after the cursor position when given. */
    async listPage(
      orgId: string,
      after: { createdAt: number; id: string } | undefined,
      limit: number,
    ): Promise<ApiKeyRecord[]> {
      const rows = after
        ? await db.all(
            'SELECT * FROM api_keys WHERE org_id = ? AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ?',
            [orgId, after.createdAt, after.createdAt, after.id, limit],
          )
        : await db.all('SELECT * FROM api_keys WHERE org_id = ? ORDER BY created_at, id LIMIT ?', [
            orgId,
            limit,
          ]);
      return rows.map(toRecord);
    },
    async get(orgId: string, id: string): Promise<ApiKeyRecord | undefined> {
      const [r] = await db.all('SELECT * FROM api_keys WHERE org_id = ? AND id = ?', [orgId, id]);
      return r === undefined ? undefined : toRecord(r);
    },
    async revoke(orgId: string, id: string, now: number): Promise<boolean> {
      return (
        (await db.run(
          'UPDATE api_keys SET revoked_at = ? WHERE org_id = ? AND id = ? AND revoked_at IS NULL',
          [now, orgId, id],
        )) === 1
      );
    },
  };
}
export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;
