import { loadConfig, type RunningServer, type ServerConfig, startServer } from '@tessera/server';
import { CliInputError, describeError } from '../cli-error';
import type { Env } from './api-command';
import type { Stoppable } from './shutdown';

/** `--port`, `--data` and `--host` as `serve` and `demo` take them. */
export interface ServeFlags {
  readonly port?: string;
  readonly data?: string;
  readonly host?: string;
}

export function parsePort(text: string, name = '--port'): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port > 65535) {
    throw new CliInputError(`${name} must be an integer from 0 to 65535, got ${JSON.stringify(text)}`);
  }
  return port;
}

/** Flags over the environment (PORT, TESSERA_DATA, TESSERA_HOST, DATABASE_URL) over defaults. */
export function serveConfig(flags: ServeFlags, env: Env): ServerConfig {
  const port =
    flags.port !== undefined
      ? parsePort(flags.port)
      : env.PORT !== undefined && env.PORT !== ''
        ? parsePort(env.PORT, 'PORT')
        : undefined;
  let config: ServerConfig;
  try {
    config = loadConfig({
      ...(port === undefined ? {} : { port }),
      ...(flags.data === undefined ? {} : { dataDir: flags.data }),
      env,
    });
  } catch (error) {
    throw new CliInputError(describeError(error));
  }
  return flags.host === undefined ? config : { ...config, host: flags.host };
}

/** Starts the server; a taken or forbidden port is bad input with a hint, not a stack trace. */
export async function launch(config: ServerConfig, logger: boolean): Promise<RunningServer> {
  try {
    return await startServer(config, { logger });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new CliInputError(
        `cannot listen on ${config.host}:${config.port} (${String(code)}): pass another --port or --host`,
      );
    }
    throw error;
  }
}

/** `SQLite at ./tessera-data/tessera.db` or `PostgreSQL`: where the data lives, without credentials. */
export function describeStorage(config: ServerConfig): string {
  return config.databaseUrl === null ? `SQLite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
}

/** A running server as `closeOnSignal` stops it: close gracefully, and cut connections that linger. */
export function stoppable(server: RunningServer): Stoppable {
  return { close: () => server.close(), force: () => server.app.server.closeAllConnections() };
}
