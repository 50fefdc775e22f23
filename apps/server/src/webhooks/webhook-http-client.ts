import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector, request } from 'undici';
import type { SsrfGuard } from './ssrf-guard';

/** What one POST came to: the status (null when no response arrived), Retry-After, and a short error text. */
export interface HttpOutcome {
  readonly status: number | null;
  readonly retryAfter: string | null;
  readonly error: string | null;
}

export interface WebhookHttpClient {
  /** POSTs `body` once. Never follows redirects, never throws: every failure is an outcome. */
  post(url: string, headers: Readonly<Record<string, string>>, body: string): Promise<HttpOutcome>;
  close(): Promise<void>;
}

export interface HttpClientOptions {
  readonly timeoutMs: number;
  /** Called with every address right before a socket is opened to it (tests install a tripwire here). */
  readonly beforeConnect?: (address: string, port: number) => void;
}

/** Response bodies are read and discarded up to this size; a larger body is cut off. */
const MAX_RESPONSE_BYTES = 64 * 1024;

type LookupCallback = Parameters<LookupFunction>[2];

/**
 * The connect-time check (DNS rebinding): every socket resolves its host through the guard's resolver and
 * checks each address right before dialling, so what was validated is what is connected to.
 */
function guardedLookup(guard: SsrfGuard, protocol: string, port: number, options: HttpClientOptions) {
  return (hostname: string, lookupOptions: { all?: boolean }, callback: LookupCallback) => {
    guard.resolver
      .lookup(hostname)
      .then((found) => {
        guard.checkAddresses(
          protocol,
          hostname,
          found.map((a) => a.address),
        );
        for (const a of found) options.beforeConnect?.(a.address, port);
        const first = found[0];
        if (lookupOptions.all === true)
          callback(
            null,
            found.map((a): LookupAddress => ({ ...a })),
          );
        else if (first !== undefined) callback(null, first.address, first.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, ''));
  };
}

function guardedConnector(guard: SsrfGuard, options: HttpClientOptions): buildConnector.connector {
  const timeout = Math.min(options.timeoutMs, 10_000);
  // One connector per (protocol, port): the lookup needs both, and TLS sessions stay cached per connector.
  const connectors = new Map<string, buildConnector.connector>();
  const connectorFor = (protocol: string, port: number) => {
    const key = `${protocol}${port}`;
    let connector = connectors.get(key);
    if (connector === undefined) {
      const lookup = guardedLookup(guard, protocol, port, options) as unknown as LookupFunction;
      connector = buildConnector({ timeout, lookup, keepAlive: true });
      connectors.set(key, connector);
    }
    return connector;
  };
  return (connectOptions, callback) => {
    const { hostname, protocol } = connectOptions;
    const port = Number(connectOptions.port) || (protocol === 'https:' ? 443 : 80);
    try {
      if (isIP(hostname) !== 0) {
        guard.checkAddresses(protocol, hostname, [hostname]);
        options.beforeConnect?.(hostname, port);
      }
    } catch (error) {
      callback(error as Error, null);
      return;
    }
    connectorFor(protocol, port)(connectOptions, callback);
  };
}

function describe(error: unknown, timeoutMs: number): string {
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
  if (e?.code === 'ssrf_blocked') return `ssrf_blocked: ${String(e.message)}`;
  if (e?.cause !== undefined && (e.cause as { code?: unknown }).code === 'ssrf_blocked') {
    return describe(e.cause, timeoutMs);
  }
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || String(e?.code).includes('TIMEOUT')) {
    return `timeout: no complete response within ${timeoutMs} ms`;
  }
  const code = typeof e?.code === 'string' ? `${e.code}: ` : '';
  const text = `${code}${String(e?.message ?? error)}`;
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}

export function createWebhookHttpClient(guard: SsrfGuard, options: HttpClientOptions): WebhookHttpClient {
  const agent = new Agent({
    connect: guardedConnector(guard, options),
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    keepAliveTimeout: 4_000,
  });
  return {
    async post(url, headers, body) {
      try {
        const res = await request(url, {
          method: 'POST',
          headers: { ...headers },
          body,
          dispatcher: agent,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        const retryAfter = res.headers['retry-after'];
        await res.body.dump({ limit: MAX_RESPONSE_BYTES }).catch(() => undefined);
        return {
          status: res.statusCode,
          retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
          error: res.statusCode >= 200 && res.statusCode < 300 ? null : `HTTP ${res.statusCode}`,
        };
      } catch (error) {
        return { status: null, retryAfter: null, error: describe(error, options.timeoutMs) };
      }
    },
    close: () => agent.close(),
  };
}
