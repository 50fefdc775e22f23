import { createReadStream } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { NotFoundError } from '@tessera/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';

/**
 * What may be served, by extension: images, plain text and PDFs only (no HTML or SVG: nothing that runs
 * script in the page's origin).
 */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
};

/**
 * Types served as attachments: a browser that navigates to one downloads it instead of rendering it in this
 * origin (its built-in PDF viewer runs the document's scripts). `fetch()`, as the web app's PDF.js viewer
 * reads a document, ignores the header.
 */
const ATTACHMENTS = new Set(['application/pdf']);

/**
 * Files up to this size are sent from memory; larger ones are streamed (chunked): a stream with a declared
 * length keeps its keep-alive connection busy until the client reads it, which holds up a shutdown.
 */
const IN_MEMORY_LIMIT = 8 * 1024 * 1024;

/** One path segment: starts with a letter or digit, no separators, no `..`. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

/**
 * The file under `dir` named `name` and the type it is served as, or null when the name is unsafe, its
 * extension is not served, or it is not a plain regular file.
 */
export async function resolveAsset(
  dir: string,
  name: string,
): Promise<{ path: string; size: number; type: string } | null> {
  const type = CONTENT_TYPES[extname(name).toLowerCase()];
  if (!SAFE_NAME.test(name) || name.includes('..') || type === undefined) return null;
  const root = resolve(dir);
  const path = join(root, name);
  if (!path.startsWith(root + sep)) return null;
  try {
    const stat = await lstat(path);
    return stat.isFile() ? { path, size: stat.size, type } : null;
  } catch {
    return null;
  }
}

/**
 * `GET /assets/:file`: read-only files from `<dataDir>/assets/` (the demo's generated images and texts,
 * uploaded images and PDFs), so task items can point at them by URL. Public, like any static asset;
 * symlinks are not followed.
 */
export function registerAssetRoutes(app: FastifyInstance, ctx: AppContext): void {
  const dir = join(ctx.config.dataDir, 'assets');
  app.get<{ Params: { file: string } }>(
    '/assets/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const name = request.params.file;
      const asset = await resolveAsset(dir, name);
      if (asset === null) throw new NotFoundError('asset', SAFE_NAME.test(name) ? name : '(invalid name)');
      const body = asset.size <= IN_MEMORY_LIMIT ? await readFile(asset.path) : createReadStream(asset.path);
      if (ATTACHMENTS.has(asset.type)) void reply.header('content-disposition', 'attachment');
      return (
        reply
          .header('content-type', asset.type)
          .header('x-content-type-options', 'nosniff')
          // Opened directly, a stored file runs nothing and reaches no cookie (defence in depth: only images,
          // plain text and PDFs as attachments are ever served).
          .header('content-security-policy', 'sandbox')
          .header('cache-control', 'public, max-age=3600')
          .send(body)
      );
    },
  );
}
