import { TesseraError } from '@tessera/core';
import { type AppContext, createContext, loadConfig } from '@tessera/server';
import { CliInputError } from '../cli-error';

/** A TesseraError the user caused (4xx: invalid, missing, conflicting) becomes exit code 2. */
export function asInputError(error: unknown): unknown {
  if (error instanceof TesseraError && error.status >= 400 && error.status < 500) {
    return new CliInputError(error.message, error.code);
  }
  return error;
}

/**
 * Opens the configured database the way `tessera serve` does (`--data DIR`, else TESSERA_DATA; PostgreSQL
 * when DATABASE_URL is set), applies pending migrations, runs `fn`, and always closes the database so the
 * process can exit.
 */
export async function withContext<T>(
  dataDir: string | undefined,
  fn: (ctx: AppContext) => Promise<T>,
): Promise<T> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig({ ...(dataDir === undefined ? {} : { dataDir }), env: process.env });
  } catch (error) {
    throw new CliInputError(error instanceof Error ? error.message : String(error));
  }
  const ctx = await createContext(config);
  try {
    return await fn(ctx);
  } catch (error) {
    throw asInputError(error);
  } finally {
    await ctx.db.close();
  }
}

/** The organization named by `ref` (id or name), or the only one; exit 2 when that is ambiguous. */
export async function resolveOrg(
  ctx: AppContext,
  ref: string | undefined,
): Promise<{ id: string; name: string }> {
  const orgs = await ctx.db.client.all<{ id: string; name: string }>(
    'SELECT id, name FROM orgs ORDER BY created_at, id',
  );
  if (ref !== undefined) {
    const matches = orgs.filter((o) => o.id === ref || o.name === ref);
    if (matches.length === 1 && matches[0]) return matches[0];
    if (matches.length === 0) throw new CliInputError(`no organization ${JSON.stringify(ref)}`);
    throw new CliInputError(`several organizations are named ${JSON.stringify(ref)}: pass its id to --org`);
  }
  if (orgs.length === 1 && orgs[0]) return orgs[0];
  if (orgs.length === 0) throw new CliInputError('no organization yet: run `tessera init` first');
  throw new CliInputError(`several organizations (${orgs.map((o) => o.name).join(', ')}): pass --org`);
}
