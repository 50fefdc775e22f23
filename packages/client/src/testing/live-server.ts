import type { TestDatabase } from '@tessera/db';
import { createTestApp, type ServerConfig, type TestApp } from '@tessera/server';

export interface LiveServer {
  readonly t: TestApp;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  dispose(): Promise<void>;
}

/** A test app on a fresh database, listening on a free loopback port (SDK tests speak real HTTP). */
export async function startLiveServer(
  db: TestDatabase,
  overrides: Partial<ServerConfig> = {},
): Promise<LiveServer> {
  const t = await createTestApp(db, overrides);
  const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { t, url, dispose: () => t.dispose() };
}
