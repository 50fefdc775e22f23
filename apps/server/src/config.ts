import { join, resolve } from 'node:path';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** postgres://… when set; otherwise SQLite at `<dataDir>/tessera.db`. */
  readonly databaseUrl: string | null;
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  /** JSON body limit in bytes (413 above it). */
  readonly bodyLimit: number;
  /** Bulk NDJSON limits: longest line and whole stream, in bytes. */
  readonly bulkLineLimit: number;
  readonly bulkBodyLimit: number;
  /** How long a cached API-key lookup is trusted: the revocation delay. */
  readonly authCacheTtlMs: number;
  /** Default per-key token bucket. */
  readonly rateLimit: { readonly perSecond: number; readonly burst: number };
  /** Hosts/CIDRs that callback and webhook URLs may reach although private (tests use loopback). */
  readonly ssrfAllowlist: readonly string[];
  /** Run the background job runner (lease sweeper, webhooks) in this process. */
  readonly runJobs: boolean;
  readonly logLevel: string;
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
    sqliteSynchronous: env.TESSERA_SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL',
    bodyLimit: 1024 * 1024,
    bulkLineLimit: 1024 * 1024,
    bulkBodyLimit: 10 * 1024 * 1024 * 1024,
    authCacheTtlMs: 5_000,
    rateLimit: {
      perSecond: Number(env.TESSERA_RATE_PER_SECOND ?? 200),
      burst: Number(env.TESSERA_RATE_BURST ?? 400),
    },
    ssrfAllowlist: (env.TESSERA_SSRF_ALLOWLIST ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    runJobs: env.TESSERA_RUN_JOBS !== '0',
    logLevel: env.TESSERA_LOG_LEVEL ?? 'info',
  };
}

export function sqlitePath(config: ServerConfig): string {
  return join(config.dataDir, 'tessera.db');
}
