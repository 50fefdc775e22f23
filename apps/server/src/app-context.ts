import type { Clock, Engine, IdGenerator } from '@tessera/core';
import type { Database } from '@tessera/db';
import type { JobHandler, JobQueue } from '@tessera/jobs';
import type { ApiKeyStore } from './auth/api-key-store';
import type { AuthServices } from './auth/auth-services';
import type { ServerConfig } from './config';
import type { Authenticator } from './http/principal';
import type { ServerMetrics } from './http/server-metrics';
import type { MlBackends } from './ml-backends/ml-backends';
import type { Quotas } from './quotas/quotas';
import type { RateLimitStore } from './rate-limit/rate-limit-store';
import type { Webhooks } from './webhooks/webhooks';

/** Everything a route needs, built once by the composition root (`compose.ts`); no globals. */
export interface AppContext {
  readonly config: ServerConfig;
  readonly db: Database;
  readonly engine: Engine;
  readonly jobs: JobQueue;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly apiKeys: ApiKeyStore;
  /** Users, passwords, web sessions and key management. */
  readonly auth: AuthServices;
  /** Every way a request can prove who it is (API keys, session cookies), tried in order. */
  readonly authenticators: readonly Authenticator[];
  readonly metrics: ServerMetrics;
  /** Outgoing webhooks and callbacks: endpoint management, delivery, the SSRF guard. */
  readonly webhooks: Webhooks;
  /** ML backends: registration, signed inbound callbacks (predictions), and reading predictions. */
  readonly mlBackends: MlBackends;
  /** Where rate-limit buckets live: in memory, or in the database shared by every process. */
  readonly rateLimitStore: RateLimitStore;
  /** Per-organization quota accounting (the task and webhook services enforce theirs inside). */
  readonly quotas: Quotas;
  /** Background job handlers by queue name, run by `startServer`'s job runner. */
  readonly jobHandlers: Readonly<Record<string, JobHandler>>;
}
