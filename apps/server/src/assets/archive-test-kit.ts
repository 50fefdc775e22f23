import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import type { TestDatabase } from '@tessera/db';
import { ARCHIVE_STAGING_DIR } from '../routes/asset-archive-routes';
import { createTestApp, type TestApp, type TestTenant } from '../testing/test-app';
import type { ArchiveLimits } from './archive-limits';

/** An in-process app with its own data folder and archive caps, for the archive tests. */
export interface ArchiveWorkspace {
  readonly t: TestApp;
  readonly acme: TestTenant;
  readonly dataDir: string;
  /** Every path under the data folder (directories end with `/`), sorted. */
  tree(): string[];
  /** The per-request folders left under the staging root ([] when none or no root). */
  staging(): string[];
  /** The files under `<data>/assets`. */
  assets(): string[];
  post(
    bytes: Buffer | AsyncIterable<Buffer>,
    type?: string,
    headers?: Record<string, string>,
  ): Promise<Answer>;
  dispose(): Promise<void>;
}

export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

function walk(root: string, dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out.push(relative(root, path) + (entry.isDirectory() ? '/' : ''));
    if (entry.isDirectory()) walk(root, path, out);
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

export async function archiveWorkspace(
  db: TestDatabase,
  prefix: string,
  archive?: ArchiveLimits,
): Promise<ArchiveWorkspace> {
  const dataDir = mkdtempSync(join(tmpdir(), `tessera-${prefix}-`));
  const t = await createTestApp(db, archive ? { dataDir, archive } : { dataDir });
  const acme = await t.tenant();
  return {
    t,
    acme,
    dataDir,
    tree() {
      const out: string[] = [];
      walk(dataDir, dataDir, out);
      return out.sort();
    },
    staging: () => list(join(dataDir, ARCHIVE_STAGING_DIR)),
    assets: () => list(join(dataDir, 'assets')),
    async post(bytes, type = 'application/zip', headers = {}) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/assets/archive',
        headers: { authorization: `Bearer ${acme.adminKey}`, 'content-type': type, ...headers },
        payload: Buffer.isBuffer(bytes) ? bytes : Readable.from(bytes),
      });
      return { status: res.statusCode, body: res.json() as Record<string, unknown> };
    },
    async dispose() {
      await t.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const kib = (field: string) =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) *
  1024;

/**
 * Runs `work` and returns how far this process's resident set rose above where it was when `work` began:
 * the kernel's peak (VmHWM) is reset to the current RSS first (`/proc/self/clear_refs`, Linux), so the
 * peak read afterwards is this work's.
 */
export async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  writeFileSync('/proc/self/clear_refs', '5');
  const before = kib('VmRSS');
  const result = await work();
  return { result, growth: kib('VmHWM') - before };
}
