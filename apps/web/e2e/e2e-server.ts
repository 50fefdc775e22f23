import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@tessera/schema';
import { loadConfig, type RunningServer, startServer } from '@tessera/server';

export interface E2eUser {
  readonly user_id: string;
  readonly email: string;
  readonly password: string;
  readonly role: Role;
}

export interface E2eServer {
  readonly url: string;
  readonly server: RunningServer;
  readonly orgId: string;
  readonly users: Readonly<Record<string, E2eUser>>;
  readonly webDir: string;
  close(): Promise<void>;
}

export const E2E_PASSWORD = 'e2e correct horse battery';

/** The web build the server will serve (the same default `tessera serve` uses). */
export const WEB_DIR = loadConfig({ env: {} }).webDir;

/**
 * A real `tessera serve` in this process on a free loopback port, on a fresh SQLite file, with one
 * organization whose users sign in with passwords (the same path the demo account takes).
 */
export async function startE2eServer(
  people: Readonly<Record<string, Role>>,
  env: Readonly<Record<string, string>> = {},
): Promise<E2eServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
  const config = { ...loadConfig({ dataDir, port: 0, env: { ...env } }), drainTimeoutMs: 2_000 };
  const server = await startServer(config, { logger: false });
  const { engine, auth } = server.ctx;
  const org = await engine.orgs.createOrganization('E2E Labs');
  const users: Record<string, E2eUser> = {};
  for (const [name, role] of Object.entries(people)) {
    const email = `${name}@e2e.test`;
    const created = await auth.accounts.createUser(org.id, { email, name, role, password: E2E_PASSWORD });
    users[name] = { user_id: created.id, email, password: E2E_PASSWORD, role };
  }
  return {
    url: server.url,
    server,
    orgId: org.id,
    users,
    webDir: config.webDir,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
