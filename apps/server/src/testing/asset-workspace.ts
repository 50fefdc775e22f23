import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestDatabase } from '@tessera/db';
import { createTestApp, type TestApp, type TestTenant } from './test-app';

/** An in-process app whose data folder is a fresh temp directory, for tests of what lands in `assets/`. */
export interface AssetWorkspace {
  readonly t: TestApp;
  readonly acme: TestTenant;
  readonly dataDir: string;
  readonly assetsDir: string;
  /** The names under `<data>/assets`, sorted (none before the first upload). */
  files(): string[];
  dispose(): Promise<void>;
}

export async function assetWorkspace(db: TestDatabase, prefix: string): Promise<AssetWorkspace> {
  const dataDir = mkdtempSync(join(tmpdir(), `tessera-${prefix}-`));
  const assetsDir = join(dataDir, 'assets');
  const t = await createTestApp(db, { dataDir });
  const acme = await t.tenant();
  return {
    t,
    acme,
    dataDir,
    assetsDir,
    files() {
      try {
        return readdirSync(assetsDir).sort();
      } catch {
        return [];
      }
    },
    async dispose() {
      await t.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
