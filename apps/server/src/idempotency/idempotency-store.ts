import type { SqlClient, SqlExecutor } from '@tessera/db';

/** Who a key belongs to: keys are scoped to tenant + credential (api-conventions §3.2). */
export interface IdempotencyScope {
  readonly orgId: string;
  readonly credentialId: string;
}

export interface IdempotencyRecord {
  readonly fingerprint: string;
  readonly status: 'in_flight' | 'completed';
  readonly responseStatus: number | null;
  readonly responseBody: string | null;
  readonly responseType: string | null;
  /** When the first request claimed the key (retention and the in-flight timeout count from here). */
  readonly createdAt: number;
}

/** A key this request now holds; `createdAt` fences completion against a later reclaim. */
export interface IdempotencyClaim {
  readonly scope: IdempotencyScope;
  readonly key: string;
  readonly createdAt: number;
}

export type ClaimOutcome =
  | { readonly claimed: true }
  | { readonly claimed: false; readonly record: IdempotencyRecord };

export interface ClaimPolicy {
  /** A record older than this is forgotten: the key executes anew (24 h). */
  readonly retentionMs: number;
  /** An in-flight claim older than this was abandoned (its process died): the key may be claimed again. */
  readonly inFlightTimeoutMs: number;
}

export interface StoredResponse {
  readonly fingerprint: string;
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
  readonly completedAt: number;
}

/** Idempotency-Key records in the `idempotency_keys` table (SQLite and PostgreSQL, same SQL). */
export interface IdempotencyStore {
  /** Claims `key` for a request with `fingerprint`, or returns the record that holds it. */
  claim(claim: IdempotencyClaim, fingerprint: string, policy: ClaimPolicy): Promise<ClaimOutcome>;
  /** Stores the response of a claimed key; false when the claim was lost (timed out and reclaimed). */
  complete(claim: IdempotencyClaim, response: StoredResponse): Promise<boolean>;
  /** Gives a claimed key up without a stored response (400s, aborted uploads): a retry executes anew. */
  release(claim: IdempotencyClaim): Promise<void>;
  /** Deletes up to `limit` records created before `before`; resolves with how many. */
  purge(before: number, limit: number): Promise<number>;
}

interface Row {
  fingerprint: string;
  status: string;
  response_status: number | null;
  response_body: string | null;
  response_type: string | null;
  created_at: number | string;
}

const KEY_MATCH = 'org_id = ? AND credential_id = ? AND idem_key = ?';

function keyParams(c: IdempotencyClaim): string[] {
  return [c.scope.orgId, c.scope.credentialId, c.key];
}

function toRecord(r: Row): IdempotencyRecord {
  return {
    fingerprint: r.fingerprint,
    status: r.status === 'completed' ? 'completed' : 'in_flight',
    responseStatus: r.response_status === null ? null : Number(r.response_status),
    responseBody: r.response_body,
    responseType: r.response_type,
    createdAt: Number(r.created_at),
  };
}

/** One attempt: insert, or read the holder and take it over when it expired or was abandoned. */
async function claimOnce(tx: SqlExecutor, c: IdempotencyClaim, fingerprint: string, policy: ClaimPolicy) {
  const inserted = await tx.run(
    `INSERT INTO idempotency_keys (org_id, credential_id, idem_key, fingerprint, status, created_at)
     VALUES (?, ?, ?, ?, 'in_flight', ?) ON CONFLICT DO NOTHING`,
    [...keyParams(c), fingerprint, c.createdAt],
  );
  if (inserted === 1) return { claimed: true } as const;
  const [row] = await tx.all<Row>(
    `SELECT fingerprint, status, response_status, response_body, response_type, created_at
     FROM idempotency_keys WHERE ${KEY_MATCH}`,
    keyParams(c),
  );
  if (row === undefined) return null; // purged in between: try again
  const record = toRecord(row);
  const expired = record.createdAt <= c.createdAt - policy.retentionMs;
  const abandoned =
    record.status === 'in_flight' && record.createdAt <= c.createdAt - policy.inFlightTimeoutMs;
  if (!expired && !abandoned) return { claimed: false, record } as const;
  const taken = await tx.run(
    `UPDATE idempotency_keys SET fingerprint = ?, status = 'in_flight', response_status = NULL,
       response_body = NULL, response_type = NULL, created_at = ?, completed_at = NULL
     WHERE ${KEY_MATCH} AND created_at = ? AND status = ?`,
    [fingerprint, c.createdAt, ...keyParams(c), record.createdAt, record.status],
  );
  return taken === 1 ? ({ claimed: true } as const) : null;
}

export function createIdempotencyStore(client: SqlClient): IdempotencyStore {
  // Each statement of a claim is a compare-and-set on its own. PostgreSQL runs them as they come (a
  // transaction would add two round trips to every POST), committed asynchronously: the operation's own
  // durable commit, later in the WAL, makes its claim durable too (idempotency-durability.test.ts). SQLite
  // runs them in the writer's transaction, whose view includes a conflicting row still inside the open group
  // commit.
  const claimWith = (fn: (tx: SqlExecutor) => Promise<ClaimOutcome | null>) =>
    client.dialect === 'postgres' ? fn(client.asyncCommit) : client.transaction(fn);
  return {
    async claim(claim, fingerprint, policy) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const outcome = await claimWith((tx) => claimOnce(tx, claim, fingerprint, policy));
        if (outcome !== null) return outcome;
      }
      throw new Error('idempotency key claim kept racing; giving up');
    },
    async complete(claim, response) {
      const changed = await client.asyncCommit.run(
        `UPDATE idempotency_keys SET fingerprint = ?, status = 'completed', response_status = ?,
           response_body = ?, response_type = ?, completed_at = ?
         WHERE ${KEY_MATCH} AND created_at = ? AND status = 'in_flight'`,
        [
          response.fingerprint,
          response.status,
          response.body,
          response.contentType,
          response.completedAt,
          ...keyParams(claim),
          claim.createdAt,
        ],
      );
      return changed === 1;
    },
    async release(claim) {
      await client.asyncCommit.run(
        `DELETE FROM idempotency_keys WHERE ${KEY_MATCH} AND created_at = ? AND status = 'in_flight'`,
        [...keyParams(claim), claim.createdAt],
      );
    },
    purge(before, limit) {
      return client.run(
        `DELETE FROM idempotency_keys WHERE (org_id, credential_id, idem_key) IN
           (SELECT org_id, credential_id, idem_key FROM idempotency_keys WHERE created_at < ? LIMIT ?)`,
        [before, limit],
      );
    },
  };
}
