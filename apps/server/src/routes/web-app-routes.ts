import { lstat, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { NotFoundError } from '@tessera/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../app-context';

/** The build's file types; everything under /static is content-hashed by Vite, so cached for a year. */
const STATIC_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

/**
 * The page's own script and style only; images may come from anywhere a task's item points (its `uri`), and
 * canvases read them without tainting only when the host allows CORS, which the editor does not need.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  'img-src * data: blob:',
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Client-side routes of the app: each answers with index.html, so reloads and deep links work. */
const APP_PATHS = ['/', '/login', '/keys', '/projects/*'];

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Tessera</title>
<h1>The web app is not built</h1><p>Run <code>npm run build -w @tessera/web</code> (it runs on
<code>npm install</code>), then reload. The API is up at <a href="/v1/openapi.json">/v1/openapi.json</a>.</p>`;

async function readIndex(dir: string): Promise<string | null> {
  try {
    return await readFile(join(dir, 'index.html'), 'utf8');
  } catch {
    return null;
  }
}

function sendPage(reply: FastifyReply, html: string, status: number): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('cache-control', 'no-cache')
    .send(html);
}

/** `GET /` and the app's routes serve the built single-page app; `GET /static/:file` its hashed files. */
export function registerWebAppRoutes(app: FastifyInstance, ctx: AppContext): void {
  const dir = ctx.config.webDir;
  for (const path of APP_PATHS) {
    app.get(path, { schema: { hide: true } }, async (_request, reply) => {
      const html = await readIndex(dir);
      return html === null ? sendPage(reply, NOT_BUILT, 503) : sendPage(reply, html, 200);
    });
  }
  app.get<{ Params: { file: string } }>(
    '/static/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const name = request.params.file;
      const type = STATIC_TYPES[extname(name).toLowerCase()];
      if (!SAFE_NAME.test(name) || name.includes('..') || type === undefined) {
        throw new NotFoundError('file', '(invalid name)');
      }
      const path = join(dir, 'static', name);
      const stat = await lstat(path).catch(() => null);
      if (stat === null || !stat.isFile()) throw new NotFoundError('file', name);
      return reply
        .header('content-type', type)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(await readFile(path));
    },
  );
}
