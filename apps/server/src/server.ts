import { hostname } from 'node:os';
import {
  leaseSweeperHandlers,
  queueVacuumHandlers,
  scheduleLeaseSweeper,
  scheduleQueueVacuum,
} from '@tessera/db';
import { createJobRunner } from '@tessera/jobs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { AppContext } from './app-context';
import { createContext } from './compose';
import type { ServerConfig } from './config';
import { warnIfNotDurable } from './durability-check';
import { closeWithDrain } from './http/drain';
import { scheduleIdempotencyPurge } from './idempotency/idempotency-purge';
import { warnIfQueueCannotBeVacuumed } from './queue-vacuum-check';
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
 * sweeper, webhook delivery; on PostgreSQL, the queue tables' VACUUM). Several processes on one PostgreSQL share
 * the work through the job table.
 */
export async function startServer(
  config: ServerConfig,
  options: { logger?: boolean; logFile?: string } = {},
): Promise<RunningServer> {
  const ctx = await createContext(config);
  const file = options.logFile === undefined ? {} : { file: options.logFile };
  const logger = options.logger === false ? false : { level: config.logLevel, redact: REDACT, ...file };
  const app = await buildApp(ctx, { logger });
  await warnIfNotDurable(ctx.db.client, app.log);
  await warnIfQueueCannotBeVacuumed(ctx.db.client, app.log);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const runner = createJobRunner({
    queue: ctx.jobs,
    handlers: {
      ...leaseSweeperHandlers(ctx.engine),
      ...queueVacuumHandlers(ctx.db.client),
      ...ctx.jobHandlers,
    },
    workerId: `${hostname()}:${process.pid}`,
    concurrency: 8,
    leaseMs: config.jobLeaseMs,
    pollMs: 250,
    logger: app.log.child({ component: 'jobs' }),
  });
  if (config.runJobs) {
    await scheduleLeaseSweeper(ctx.jobs);
    // PostgreSQL only: SQLite keeps no dead rows to step over.
    if (ctx.db.client.dialect === 'postgres') await scheduleQueueVacuum(ctx.jobs);
    await scheduleIdempotencyPurge(ctx.jobs);
    await scheduleWebhookFanout(ctx.jobs);
    runner.start();
  }
  return {
    url: `http://${config.host}:${port}`,
    app,
    ctx,
    async close() {
      // Requests and jobs drain together, both bounded by the drain timeout; the database closes last, so
      // nothing is acknowledged after it is gone. A job cut short is retried once its lease runs out.
      const jobsStopped = new Promise((resolve) => setTimeout(resolve, config.drainTimeoutMs).unref());
      await Promise.all([
        Promise.race([runner.stop(), jobsStopped]),
        closeWithDrain(app, config.drainTimeoutMs),
      ]);
      await ctx.webhooks.close();
      await ctx.db.close();
    },
  };
}
