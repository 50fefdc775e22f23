import { createClient, TesseraApiError, type TesseraClient, TesseraConnectionError } from '@tessera/client';
import type { Command } from 'commander';
import { CliInputError, describeError } from '../cli-error';
import { writeJson } from './output';

export const DEFAULT_API_URL = 'http://127.0.0.1:8080';

/** `--url` and `--key` as every HTTP command takes them. */
export interface ApiFlags {
  readonly url?: string;
  readonly key?: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Adds `--url` and `--key` to a command that talks to a server. */
export function withApiFlags(command: Command): Command {
  return command
    .option('--url <url>', `server URL (env TESSERA_URL, default ${DEFAULT_API_URL})`)
    .option('--key <key>', 'API key (default: env TESSERA_API_KEY)');
}

/** An SDK client from the flags and the environment; no key or a malformed URL is bad input. */
export function apiClient(flags: ApiFlags, env: Env): TesseraClient {
  const apiKey = flags.key ?? env.TESSERA_API_KEY;
  if (!apiKey) throw new CliInputError('no API key: pass --key or set TESSERA_API_KEY');
  const baseUrl = flags.url ?? env.TESSERA_URL ?? DEFAULT_API_URL;
  try {
    return createClient({ baseUrl, apiKey });
  } catch (error) {
    throw new CliInputError(`--url: ${describeError(error)}`);
  }
}

/** The SDK's errors become input errors (exit 2): `404 not_found: task tsk_… not found`. */
export function asCliError(error: unknown): unknown {
  if (error instanceof TesseraApiError || error instanceof TesseraConnectionError) {
    return new CliInputError(error.message, error.code);
  }
  return error;
}

/**
 * Runs a command body that writes its own output (streams, servers); any failure becomes one line on stderr
 * and exit code 2 (bad input, API errors) or 1 (unexpected), never a stack trace.
 */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (raw) {
    // The reader went away (`tessera tasks list | head`): that ends the output, it is not a failure.
    if ((raw as { code?: unknown } | null)?.code === 'EPIPE') return;
    const error = asCliError(raw);
    process.stderr.write(`tessera: ${describeError(error)}\n`);
    process.exitCode = error instanceof CliInputError ? 2 : 1;
  }
}

/** Like `runApiCommand`, printing the body's result as one JSON document. */
export function runApiJsonCommand(body: () => Promise<unknown>): Promise<void> {
  return runCommand(async () => writeJson(await body()));
}
