import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ArchiveLimits, archiveLimitsFromEnv } from './assets/archive-limits';
import { type UploadLimits, uploadLimitsFromEnv } from './assets/multipart-limits';
import { type QuotaSettings, quotaSettings } from './quotas/quota-config';
import { type OverloadSettings, overloadSettings } from './rate-limit/overload-shedding';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** postgres://… when set; otherwise SQLite at `<dataDir>/tessera.db`. */
  readonly databaseUrl: string | null;
  /** PostgreSQL schema to use (search_path); tests isolate themselves this way. */
  readonly databaseSchema: string | null;
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  /** JSON body limit in bytes (413 above it). */
  readonly bodyLimit: number;
  /** Bulk NDJSON limits: longest line and whole stream, in bytes. */
  readonly bulkLineLimit: number;
  readonly bulkBodyLimit: number;
  /** How long a cached API-key lookup is trusted: the revocation delay. */
  readonly authCacheTtlMs: number;
  /** Mark the session cookie `Secure` (HTTPS deployments); off by default for http://localhost. */
  readonly cookieSecure: boolean;
  /** Default per-key token bucket. */
  readonly rateLimit: { readonly perSecond: number; readonly burst: number };
  /**
   * Where the buckets live (TESSERA_RATE_LIMIT_STORE): `database` (shared by every process on the database;
   * the default on PostgreSQL) or `memory` (per process; the default on SQLite).
   */
  readonly rateLimitStore: 'memory' | 'database';
  /** Per-organization quotas on tasks, webhook endpoints and stored asset bytes (default: none). */
  readonly quotas: QuotaSettings;
  /** Load shedding: 503 `overloaded` while the event-loop delay is above the threshold. */
  readonly overload: OverloadSettings;
  /** Hosts/CIDRs that callback and webhook URLs may reach although private (tests use loopback). */
  readonly ssrfAllowlist: readonly string[];
  /** Run the background job runner (lease sweeper, webhooks) in this process. */
  readonly runJobs: boolean;
  /**
   * Lease of a claimed background job (TESSERA_JOB_LEASE_MS, default 60 s): after a crash, the jobs the dead
   * process held (webhook fan-out and deliveries, the lease sweeper) wait this long before another claims them.
   * Must exceed the webhook timeout.
   */
  readonly jobLeaseMs: number;
  /**
   * An Idempotency-Key still in flight after this long belongs to a request that died with its process and
   * may be claimed again (TESSERA_IDEMPOTENCY_IN_FLIGHT_MS, default 60 s). Until then retries get 409.
   */
  readonly idempotencyInFlightMs: number;
  /**
   * On SIGTERM, how long in-flight requests and background jobs may take to finish (TESSERA_DRAIN_TIMEOUT_MS,
   * default 10 s); requests still running then are answered 503 + Retry-After and the process exits.
   */
  readonly drainTimeoutMs: number;
  /**
   * 32-byte key (base64 or hex, from TESSERA_SECRET_KEY) that encrypts webhook secrets at rest (AES-256-GCM).
   * null: a key generated once in `<dataDir>/secret.key` (mode 0600). Several hosts sharing one PostgreSQL
   * must all be given the same key.
   */
  readonly secretKey: string | null;
  /** Outgoing webhooks and callbacks: timeout per attempt, attempts and the retry window. */
  readonly webhooks: WebhookSettings;
  readonly logLevel: string;
  /** The built web app (`apps/web/dist`, TESSERA_WEB_DIR) served at `/`; a hint page when it is not built. */
  readonly webDir: string;
  /**
   * Bearer token that `GET /metrics` requires (TESSERA_METRICS_TOKEN). Unset: only loopback clients may read
   * it. The exposition names every organization's projects, so it is for the operator, never for tenants.
   */
  readonly metricsToken: string | null;
  /** Caps of `POST /v1/assets/archive` (zip uploads); TESSERA_ARCHIVE_* variables, see archive-limits.ts. */
  readonly archive: ArchiveLimits;
  /** Caps of image uploads (`POST /v1/assets`, `POST /v1/assets/form`); TESSERA_UPLOAD_* variables, see multipart-limits.ts. */
  readonly upload: UploadLimits;
}

/** Where `npm run build -w @tessera/web` writes the app, relative to this file. */
const BUILT_WEB_APP = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface WebhookSettings {
  /** A delivery succeeds on a 2xx within this many ms (TESSERA_WEBHOOK_TIMEOUT_MS, default 15 s). */
  readonly timeoutMs: number;
  /** Attempts per delivery, the first included (default 20). */
  readonly maxAttempts: number;
  /** Retries stop this long after a delivery was created or replayed (default 24 h). */
  readonly retryWindowMs: number;
  /** Cap of the first retry's delay and the largest delay: full jitter over [0, min(max, base·2^(n-1))). */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** An endpoint is disabled after this many deliveries in a row end without success (default 20). */
  readonly disableAfterFailures: number;
  /** How long a rotated-out secret keeps signing alongside the new one (default 24 h). */
  readonly rotationOverlapMs: number;
}

const HOUR = 3_600_000;

function envInt(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`invalid positive integer ${value}`);
  return n;
}

/** The shared store by default on PostgreSQL (several processes), the in-memory one on SQLite. */
function rateLimitStoreKind(value: string | undefined, url: string | null): 'memory' | 'database' {
  if (value === 'memory' || value === 'database') return value;
  if (value !== undefined && value !== '') throw new Error(`invalid TESSERA_RATE_LIMIT_STORE ${value}`);
  return url && /^postgres(ql)?:\/\//.test(url) ? 'database' : 'memory';
}

function webhookSettings(env: Readonly<Record<string, string | undefined>>): WebhookSettings {
  return {
    timeoutMs: envInt(env.TESSERA_WEBHOOK_TIMEOUT_MS, 15_000),
    maxAttempts: envInt(env.TESSERA_WEBHOOK_MAX_ATTEMPTS, 20),
    retryWindowMs: envInt(env.TESSERA_WEBHOOK_RETRY_WINDOW_MS, 24 * HOUR),
    backoffBaseMs: 30_000,
    backoffMaxMs: 4 * HOUR,
    disableAfterFailures: 20,
    rotationOverlapMs: 24 * HOUR,
  };
}

export interface ConfigInput {
  readonly port?: number;
  readonly dataDir?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Flags win over the environment (PORT, TESSERA_DATA, DATABASE_URL, …), which wins over defaults. */
export function loadConfig(input: ConfigInput = {}): ServerConfig {
  const env = input.env ?? {};
  const dataDir = resolve(input.dataDir ?? env.TESSERA_DATA ?? './tessera-data');
  const port = input.port ?? (env.PORT ? Number(env.PORT) : 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${String(port)}`);
  const url = env.DATABASE_URL ?? null;
  return {
    port,
    host: env.TESSERA_HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl: url && /^postgres(ql)?:\/\//.test(url) ? url : null,
    databaseSchema: env.TESSERA_PG_SCHEMA ?? null,
    sqliteSynchronous: env.TESSERA_SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL',
    bodyLimit: 1024 * 1024,
    bulkLineLimit: 1024 * 1024,
    bulkBodyLimit: 10 * 1024 * 1024 * 1024,
    authCacheTtlMs: 5_000,
    cookieSecure: env.TESSERA_COOKIE_SECURE === '1',
    rateLimit: {
      perSecond: Number(env.TESSERA_RATE_PER_SECOND ?? 200),
      burst: Number(env.TESSERA_RATE_BURST ?? 400),
    },
    rateLimitStore: rateLimitStoreKind(env.TESSERA_RATE_LIMIT_STORE, url),
    quotas: quotaSettings(env),
    overload: overloadSettings(env),
    ssrfAllowlist: (env.TESSERA_SSRF_ALLOWLIST ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    runJobs: env.TESSERA_RUN_JOBS !== '0',
    jobLeaseMs: envInt(env.TESSERA_JOB_LEASE_MS, 60_000),
    idempotencyInFlightMs: envInt(env.TESSERA_IDEMPOTENCY_IN_FLIGHT_MS, 60_000),
    drainTimeoutMs: envInt(env.TESSERA_DRAIN_TIMEOUT_MS, 10_000),
    secretKey: env.TESSERA_SECRET_KEY || null,
    webhooks: webhookSettings(env),
    logLevel: env.TESSERA_LOG_LEVEL ?? 'info',
    webDir: resolve(env.TESSERA_WEB_DIR ?? BUILT_WEB_APP),
    metricsToken: env.TESSERA_METRICS_TOKEN || null,
    archive: archiveLimitsFromEnv(env),
    upload: uploadLimitsFromEnv(env),
  };
}

export function sqlitePath(config: ServerConfig): string {
  return join(config.dataDir, 'tessera.db');
}
