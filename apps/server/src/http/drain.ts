import type { FastifyInstance, FastifyReply } from 'fastify';
import { problemBody } from './problem';

/** Seconds a client should wait before retrying a request refused during shutdown (another process may answer). */
const RETRY_AFTER_SECONDS = '1';

interface DrainState {
  draining: boolean;
  readonly inFlight: Set<FastifyReply>;
}

const states = new WeakMap<FastifyInstance, DrainState>();

function unavailableBody(requestId: string): string {
  return JSON.stringify(
    problemBody(
      {
        status: 503,
        code: 'shutting_down',
        title: 'Service unavailable',
        detail: 'the server is shutting down; retry (with the same Idempotency-Key)',
      },
      requestId,
    ),
  );
}

/**
 * Graceful shutdown for an app built with `return503OnClosing: false`: once closing starts, new requests
 * (on kept-alive connections) get 503 problem+json with Retry-After, and in-flight ones are tracked so
 * `closeWithDrain` can answer them the same way when the drain timeout runs out. Install before any other
 * onRequest hook.
 */
export function installDrain(app: FastifyInstance): void {
  const state: DrainState = { draining: false, inFlight: new Set() };
  states.set(app, state);
  app.addHook('preClose', async () => {
    state.draining = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    if (state.draining) {
      return reply
        .code(503)
        .header('retry-after', RETRY_AFTER_SECONDS)
        .header('connection', 'close')
        .type('application/problem+json')
        .send(unavailableBody(String(request.id)));
    }
    state.inFlight.add(reply);
    reply.raw.once('close', () => state.inFlight.delete(reply));
  });
}

/** Answers a request still running at the drain deadline with 503 + Retry-After (its outcome is unknown). */
function cutOff(reply: FastifyReply): Promise<void> {
  if (reply.raw.headersSent || reply.raw.destroyed) return Promise.resolve();
  reply.hijack();
  return new Promise((resolve) => {
    const done = setTimeout(resolve, 250);
    reply.raw.once('finish', () => {
      clearTimeout(done);
      resolve();
    });
    reply.raw.writeHead(503, {
      'content-type': 'application/problem+json',
      'retry-after': RETRY_AFTER_SECONDS,
      connection: 'close',
    });
    reply.raw.end(unavailableBody(String(reply.request.id)));
  });
}

/**
 * Closes the app: stops accepting connections and waits for in-flight requests, at most `timeoutMs`; then
 * answers the ones still running with 503 + Retry-After and closes every connection.
 */
export async function closeWithDrain(app: FastifyInstance, timeoutMs: number): Promise<void> {
  const closed = app.close();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([closed.then(() => 'closed' as const), expired]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    await Promise.all([...(states.get(app)?.inFlight ?? [])].map(cutOff));
    app.server.closeAllConnections();
    await closed;
  }
}
