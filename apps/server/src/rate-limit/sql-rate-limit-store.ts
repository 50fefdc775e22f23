import type { Clock } from '@tessera/core';
import type { Dialect, SqlClient } from '@tessera/db';
import type { RateLimitStore } from './rate-limit-store';
import { decisionFor, normalizePolicy } from './token-bucket';

/**
 * The whole token-bucket step as one upsert: a new key starts full and gives one token; an existing row
 * refills by the time since `updated_at` (never above `burst`, never for a clock that stepped back), gives a
 * token when it has one, and says so in `granted`. Every SET expression reads the old row, so the refill
 * `A` is computed once per statement from the same values: it runs atomically under the row lock, which is
 * held only for this one statement.
 */
function takeSql(d: Dialect): string {
  const [min, max] = d === 'postgres' ? ['LEAST', 'GREATEST'] : ['MIN', 'MAX'];
  const b = 'rate_limit_buckets';
  const refilled = `${min}(excluded.burst, ${b}.tokens + ${max}(0, excluded.updated_at - ${b}.updated_at) * excluded.per_second / 1000.0)`;
  return `INSERT INTO ${b} (bucket_key, burst, per_second, tokens, granted, updated_at) VALUES (?, ?, ?, ?, 1, ?)
    ON CONFLICT (bucket_key) DO UPDATE SET
      tokens = CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END,
      granted = CASE WHEN ${refilled} >= 1 THEN 1 ELSE 0 END,
      updated_at = ${max}(${b}.updated_at, excluded.updated_at),
      burst = excluded.burst, per_second = excluded.per_second
    RETURNING tokens, granted`;
}

/** Rows of buckets that are full again (the same as no row): deleted now and then. */
const PURGE_SQL =
  'DELETE FROM rate_limit_buckets WHERE updated_at + (burst - tokens) * 1000.0 / per_second < ?';

export interface SqlRateLimitStoreOptions {
  /** Used only to pace the purge of full buckets (the bucket math uses the `now` each call passes). */
  readonly clock: Clock;
  /** How often, at most, one store deletes the rows of full buckets (default 60 s). */
  readonly purgeEveryMs?: number;
}

/**
 * Token buckets in the database (migration 0007), shared by every process on it, so a key's limit holds
 * across several `serve` processes. One statement per request and no transaction around it: on PostgreSQL
 * an autocommit upsert on an UNLOGGED table (nothing to flush), pipelined with other requests' statements on
 * the client's `asyncCommit` connection; on SQLite a one-statement write transaction.
 *
 * Time is the app's injected clock (`now`), not the database's: tests drive it, and the memory store agrees.
 * Processes whose clocks disagree by Δ can give at most Δ × rate extra tokens when the newest clock moves
 * the bucket's time forward; a clock behind the bucket's time refills nothing (`updated_at` never moves back).
 */
export function createSqlRateLimitStore(sql: SqlClient, options: SqlRateLimitStoreOptions): RateLimitStore {
  const statement = takeSql(sql.dialect);
  const purgeEveryMs = options.purgeEveryMs ?? 60_000;
  let nextPurge = options.clock.now() + purgeEveryMs;

  function purge(now: number): void {
    if (now < nextPurge) return;
    nextPurge = now + purgeEveryMs;
    // Fire and forget: a failed purge only leaves rows that mean "full" anyway.
    sql.run(PURGE_SQL, [now]).catch(() => undefined);
  }

  return {
    async take(key, rawPolicy, now) {
      const policy = normalizePolicy(rawPolicy);
      const params = [key, policy.burst, policy.perSecond, policy.burst - 1, Math.floor(now)];
      const rows =
        sql.dialect === 'postgres'
          ? await sql.asyncCommit.all<{ tokens: number; granted: number }>(statement, params)
          : await sql.transaction((tx) => tx.all<{ tokens: number; granted: number }>(statement, params));
      const row = rows[0];
      if (row === undefined) throw new Error('rate-limit upsert returned no row');
      purge(options.clock.now());
      return decisionFor(Number(row.tokens), Number(row.granted) === 1, policy);
    },
  };
}
