import type { TestDatabase } from '@tessera/db';
import { createTestApp, type TestApp } from '@tessera/server';

export interface LiveServer {
  readonly t: TestApp;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  dispose(): Promise<void>;
}

/** A test app on a fresh database, listening on a free loopback port (SDK tests speak real HTTP). */
export async function startLiveServer(db: TestDatabase): Promise<LiveServer> {
  const t = await createTestApp(db);
  const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { t, url, dispose: () => t.dispose() };
}
