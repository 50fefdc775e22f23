import { type Clock, createEngine, type RandomSource } from '@tessera/core';
import { createIdGenerator, type Database, openDatabase, systemClock, systemRandom } from '@tessera/db';
import { createJobQueue } from '@tessera/jobs';
import type { Role } from '@tessera/schema';
import type { AppContext } from './app-context';
import { createApiKeyStore } from './auth/api-key-store';
import { createAuthServices } from './auth/auth-services';
import { createKeyAuthenticator } from './auth/key-authenticator';
import { type ServerConfig, sqlitePath } from './config';
import { createServerMetrics } from './http/server-metrics';
import { idempotencyPurgeHandlers } from './idempotency/idempotency-purge';
import { createMlBackends, withReceivedIdPurge } from './ml-backends/ml-backends';
import { createQuotas } from './quotas/quotas';
import { createMemoryRateLimitStore } from './rate-limit/rate-limit-store';
import { createSqlRateLimitStore } from './rate-limit/sql-rate-limit-store';
import { createWebhooks, type WebhookNetOptions } from './webhooks/webhooks';

export interface ContextOptions {
  readonly clock?: Clock;
  readonly random?: RandomSource;
  /** Use this database instead of opening one from the config (tests). */
  readonly database?: Database;
  /** Webhook DNS resolver and connect tripwire (tests). */
  readonly webhookNet?: WebhookNetOptions;
}

/** The composition root: opens the database (SQLite by default, PostgreSQL with DATABASE_URL) and wires everything. */
export async function createContext(config: ServerConfig, options: ContextOptions = {}): Promise<AppContext> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  const db =
    options.database ??
    (await openDatabase(
      config.databaseUrl
        ? { kind: 'postgres', url: config.databaseUrl, schema: config.databaseSchema ?? undefined }
        : { kind: 'sqlite', path: sqlitePath(config), synchronous: config.sqliteSynchronous },
    ));
  const ids = createIdGenerator(() => clock.now());
  const quotas = createQuotas(db.client, clock, ids, config.quotas);
  const engine = quotas.guardEngine(createEngine({ store: db.store, clock, ids, random }));
  const apiKeys = createApiKeyStore(db.client);
  const keyAuth = createKeyAuthenticator(apiKeys, clock, config.authCacheTtlMs, async (orgId, userId) => {
    const [row] = await db.client.all<{ role: string }>(
      'SELECT role FROM users WHERE id = ? AND org_id = ?',
      [userId, orgId],
    );
    return (row?.role ?? null) as Role | null;
  });
  const auth = createAuthServices({ db: db.client, clock, ids, apiKeys });
  const jobs = createJobQueue({ sql: db.client, clock, newId: () => ids.next('job'), random });
  const metrics = createServerMetrics();
  const webhooks = quotas.guardWebhooks(
    createWebhooks({ config, db, engine, jobs, clock, ids, random, metrics }, options.webhookNet),
  );
  const mlBackends = createMlBackends({ config, db, engine, clock, ids });
  const rateLimitStore =
    config.rateLimitStore === 'database'
      ? createSqlRateLimitStore(db.client, { clock })
      : createMemoryRateLimitStore();
  return {
    config,
    db,
    engine,
    clock,
    ids,
    apiKeys,
    auth,
    jobs,
    authenticators: [keyAuth, auth.sessionAuthenticator],
    metrics,
    webhooks,
    mlBackends,
    rateLimitStore,
    quotas,
    jobHandlers: {
      ...webhooks.jobHandlers,
      ...withReceivedIdPurge(idempotencyPurgeHandlers(db.client, clock), mlBackends),
    },
  };
}
