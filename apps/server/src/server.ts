import { hostname } from 'node:os';
import { leaseSweeperHandlers, scheduleLeaseSweeper } from '@tessera/db';
import { createJobRunner } from '@tessera/jobs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { AppContext } from './app-context';
import { createContext } from './compose';
import type { ServerConfig } from './config';
import { scheduleIdempotencyPurge } from './idempotency/idempotency-purge';
import { scheduleWebhookFanout } from './webhooks/webhooks';

export interface RunningServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
  close(): Promise<void>;
}

/** Log redaction: credentials, cookies and webhook secrets never reach a log line. */
export const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.secret',
  '*.password',
  '*.key',
];

/**
 * `tessera serve`: the API on the configured port, plus this process's share of the background jobs (lease
 * sweeper, webhook delivery). Several processes on one PostgreSQL share the work through the job table.
 */
export async function startServer(
  config: ServerConfig,
  options: { logger?: boolean } = {},
): Promise<RunningServer> {
  const ctx = await createContext(config);
  const logger = options.logger === false ? false : { level: config.logLevel, redact: REDACT };
  const app = await buildApp(ctx, { logger });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const runner = createJobRunner({
    queue: ctx.jobs,
    handlers: { ...leaseSweeperHandlers(ctx.engine), ...ctx.jobHandlers },
    workerId: `${hostname()}:${process.pid}`,
    concurrency: 8,
    leaseMs: 60_000,
    pollMs: 250,
  });
  if (config.runJobs) {
    await scheduleLeaseSweeper(ctx.jobs);
    await scheduleIdempotencyPurge(ctx.jobs);
    await scheduleWebhookFanout(ctx.jobs);
    runner.start();
  }
  return {
    url: `http://${config.host}:${port}`,
    app,
    ctx,
    async close() {
      await runner.stop();
      await app.close();
      await ctx.webhooks.close();
      await ctx.db.close();
    },
  };
}
