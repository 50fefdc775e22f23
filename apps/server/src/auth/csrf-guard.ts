import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { CsrfError } from './auth-errors';
import type { SessionAuthenticator } from './session-authenticator';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Constant-time equality of two strings of any length. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Double-submit check for cookie sessions: an unsafe method (POST, PUT, PATCH, DELETE) authenticated by a
 * session must carry `x-csrf-token` equal to that session's token, else 403 `csrf_failed`. API keys are
 * exempt (a browser never attaches them on its own). Must run after the authentication hook (app.ts adds
 * that one before any route module registers).
 */
export function installCsrfGuard(app: FastifyInstance, sessions: SessionAuthenticator): void {
  app.addHook('onRequest', async (request) => {
    const principal = request.principal;
    if (principal === null || principal.kind !== 'session' || !UNSAFE_METHODS.has(request.method)) return;
    const expected = sessions.csrfTokenOf(principal);
    const sent = request.headers['x-csrf-token'];
    if (expected === null || typeof sent !== 'string' || !sameSecret(sent, expected)) throw new CsrfError();
  });
}
