import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestDatabase } from '@tessera/db';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { loadConfig } from '../config';
import { createTestApp, type TestApp, type TestTenant } from '../testing/test-app';
import { type FormPart, formBody } from './multipart-test-kit';

/** Shared by the PDF upload tests (`document-*.test.ts`): an app on a test database, and small helpers. */

/** The per-file cap of both upload routes in these tests (`TESSERA_UPLOAD_MAX_FILE_BYTES`), small for speed. */
export const MAX_FILE = 32 * 1024;

export const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** A 12 × 8 PNG of a red level no other call in a test uses. */
export const png = (r: number) =>
  sharp({ create: { width: 12, height: 8, channels: 3, background: { r, g: 30, b: 60 } } })
    .png()
    .toBuffer();

/** The response headers a stored file is served with, leaving out those every response carries. */
export function servedHeaders(res: LightMyRequestResponse): Record<string, unknown> {
  const skip = /^(date|connection|x-request-id|ratelimit.*|x-ratelimit-.*)$/;
  return Object.fromEntries(Object.entries(res.headers).filter(([name]) => !skip.test(name)));
}

/** An in-process app with its own data folder and the per-file cap lowered; both upload routes. */
export interface DocumentWorkspace {
  readonly t: TestApp;
  readonly acme: TestTenant;
  readonly dataDir: string;
  /** The names under `<data>/assets`, sorted. */
  files(): string[];
  raw(payload: Buffer, type: string | null): Promise<LightMyRequestResponse>;
  form(parts: readonly FormPart[]): Promise<LightMyRequestResponse>;
  /** The organization's stored files and their charged bytes (`org_assets`, the storage quota's ledger). */
  charged(orgId: string): Promise<{ file: string; bytes: number }[]>;
  dispose(): Promise<void>;
}

/** `assetBytes`: the storage quota per organization (null: none). */
export async function documentWorkspace(
  db: TestDatabase,
  assetBytes: number | null = null,
): Promise<DocumentWorkspace> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-documents-'));
  const upload = { ...loadConfig({ dataDir, env: {} }).upload, maxFileBytes: MAX_FILE };
  const t = await createTestApp(db, {
    dataDir,
    upload,
    quotas: { tasks: null, webhookEndpoints: null, assetBytes },
  });
  const acme = await t.tenant();
  const auth = { authorization: `Bearer ${acme.adminKey}` };
  return {
    t,
    acme,
    dataDir,
    files() {
      try {
        return readdirSync(join(dataDir, 'assets')).sort();
      } catch {
        return [];
      }
    },
    raw: (payload, type) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/assets',
        headers: { ...auth, ...(type === null ? {} : { 'content-type': type }) },
        payload,
      }),
    form(parts) {
      const body = formBody(parts);
      return t.app.inject({
        method: 'POST',
        url: '/v1/assets/form',
        headers: { ...auth, 'content-type': body.contentType },
        payload: body.body,
      });
    },
    charged: (orgId) =>
      t.ctx.db.client.all<{ file: string; bytes: number }>(
        'SELECT file, bytes FROM org_assets WHERE org_id = ? ORDER BY file',
        [orgId],
      ),
    async dispose() {
      await t.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
