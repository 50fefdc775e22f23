import {
  createIdGenerator,
  createSqlStore,
  fakeClock,
  MIGRATIONS,
  migrate,
  type TestDatabase,
} from '@tessera/db';
import { ROLE_SCOPES, type Scope } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import type { AppContext } from '../app-context';
import { createApiKeyService } from '../auth/api-key-service';
import { type ContextOptions, createContext } from '../compose';
import { loadConfig, type ServerConfig } from '../config';

export interface TestTenant {
  readonly orgId: string;
  readonly adminKey: string;
  readonly adminUserId: string;
  /** Creates a user with a key bound to them. */
  user(
    role: 'admin' | 'manager' | 'reviewer' | 'annotator',
    scopes?: readonly Scope[],
  ): Promise<{ userId: string; key: string }>;
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
  readonly clock: ReturnType<typeof fakeClock>;
  tenant(name?: string): Promise<TestTenant>;
  dispose(): Promise<void>;
}

/** A fixed key for encrypting webhook secrets in tests (production reads TESSERA_SECRET_KEY or a key file). */
export const TEST_SECRET_KEY = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** An in-process app (`app.inject`) on a fresh test database, with a fake clock. */
export async function createTestApp(
  db: TestDatabase,
  overrides: Partial<ServerConfig> = {},
  options: Pick<ContextOptions, 'webhookNet'> = {},
): Promise<TestApp> {
  const handle = await db.open();
  await migrate(handle.client, MIGRATIONS);
  const clock = fakeClock(Date.UTC(2026, 10, 26, 10));
  const config = {
    ...loadConfig({ dataDir: '/nonexistent', env: {} }),
    secretKey: TEST_SECRET_KEY,
    ...overrides,
  };
  const database = {
    client: handle.client,
    store: createSqlStore(handle.client),
    close: async () => undefined,
  };
  const ctx = await createContext(config, { clock, database, ...options });
  const app = await buildApp(ctx);
  const keys = createApiKeyService(
    ctx.apiKeys,
    clock,
    createIdGenerator(() => clock.now()),
  );
  let userCounter = 0;
  return {
    app,
    ctx,
    clock,
    async tenant(name = 'Acme') {
      const org = await ctx.engine.orgs.createOrganization(name);
      const admin = await ctx.engine.orgs.createUser(org.id, {
        email: `admin@${org.id}.test`,
        name: 'Admin',
        role: 'admin',
      });
      const { key } = await keys.create({
        orgId: org.id,
        userId: admin.id,
        name: 'admin',
        scopes: ['admin'],
      });
      return {
        orgId: org.id,
        adminKey: key,
        adminUserId: admin.id,
        async user(role, scopes) {
          const u = await ctx.engine.orgs.createUser(org.id, {
            email: `u${++userCounter}@${org.id}.test`,
            name: `User ${userCounter}`,
            role,
          });
          const issued = await keys.create({
            orgId: org.id,
            userId: u.id,
            name: role,
            scopes: scopes ?? ROLE_SCOPES[role],
          });
          return { userId: u.id, key: issued.key };
        },
      };
    },
    async dispose() {
      await app.close();
      await ctx.webhooks.close();
      await handle.dispose();
    },
  };
}
