import { type Clock, createEngine, type RandomSource } from '@tessera/core';
import { createIdGenerator, type Database, openDatabase, systemClock, systemRandom } from '@tessera/db';
import { createJobQueue } from '@tessera/jobs';
import type { Role } from '@tessera/schema';
import type { AppContext } from './app-context';
import { createApiKeyStore } from './auth/api-key-store';
import { createKeyAuthenticator } from './auth/key-authenticator';
import { type ServerConfig, sqlitePath } from './config';
import { createServerMetrics } from './http/server-metrics';

export interface ContextOptions {
  readonly clock?: Clock;
  readonly random?: RandomSource;
  /** Use this database instead of opening one from the config (tests). */
  readonly database?: Database;
}

/** The composition root: opens the database (SQLite by default, PostgreSQL with DATABASE_URL) and wires everything. */
export async function createContext(config: ServerConfig, options: ContextOptions = {}): Promise<AppContext> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  const db =
    options.database ??
    (await openDatabase(
      config.databaseUrl
        ? { kind: 'postgres', url: config.databaseUrl }
        : { kind: 'sqlite', path: sqlitePath(config), synchronous: config.sqliteSynchronous },
    ));
  const ids = createIdGenerator(() => clock.now());
  const engine = createEngine({ store: db.store, clock, ids, random });
  const apiKeys = createApiKeyStore(db.client);
  const keyAuth = createKeyAuthenticator(apiKeys, clock, config.authCacheTtlMs, async (orgId, userId) => {
    const [row] = await db.client.all<{ role: string }>(
      'SELECT role FROM users WHERE id = ? AND org_id = ?',
      [userId, orgId],
    );
    return (row?.role ?? null) as Role | null;
  });
  return {
    config,
    db,
    engine,
    clock,
    ids,
    apiKeys,
    jobs: createJobQueue({ sql: db.client, clock, newId: () => ids.next('job'), random }),
    authenticators: [keyAuth],
    metrics: createServerMetrics(),
    jobHandlers: {},
  };
}
