import { SCOPES, type Scope } from '@tessera/schema';
import type { AppContext } from '@tessera/server';
import type { Command } from 'commander';
import { CliInputError } from '../cli-error';
import { runJsonCommand } from '../io/output';
import { runTextCommand } from '../io/run-text-command';
import { resolveOrg, withContext } from '../io/tessera-context';
import { commandGroup } from './index';

interface Common {
  readonly data?: string;
  readonly org?: string;
}

type KeyRecord = Awaited<ReturnType<AppContext['apiKeys']['list']>>[number];

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A key as the CLI prints it: never the hash. */
export function keyView(k: KeyRecord) {
  return {
    key_id: k.id,
    prefix: k.prefix,
    name: k.name,
    scopes: [...k.scopes],
    user_id: k.userId,
    created_at: iso(k.createdAt),
    revoked_at: iso(k.revokedAt),
  };
}

export function parseScopes(list: string): Scope[] {
  const scopes = [
    ...new Set(
      list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new CliInputError(
      `--scopes: unknown or missing scopes ${unknown.join(', ')} (known: ${SCOPES.join(', ')})`,
    );
  }
  return scopes as Scope[];
}

/** A small fixed-width table of keys (the default `keys list` output). */
export function keysTable(keys: readonly KeyRecord[]): string {
  const rows = [
    ['KEY_ID', 'PREFIX', 'NAME', 'SCOPES', 'USER', 'STATUS'],
    ...keys.map((k) => [
      k.id,
      k.prefix,
      k.name,
      k.scopes.join(','),
      k.userId ?? '-',
      k.revokedAt === null ? 'active' : 'revoked',
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return `${rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

async function createKey(ctx: AppContext, opts: Common & { name: string; scopes: string; user?: string }) {
  const scopes = parseScopes(opts.scopes);
  const org = await resolveOrg(ctx, opts.org);
  if (opts.user !== undefined && (await ctx.auth.users.get(org.id, opts.user)) === undefined) {
    throw new CliInputError(`no user ${opts.user} in organization ${org.name}`);
  }
  const { key, record } = await ctx.auth.keys.create({
    orgId: org.id,
    userId: opts.user ?? null,
    name: opts.name,
    scopes,
  });
  return { ...keyView(record), key };
}

async function revokeKey(ctx: AppContext, keyId: string, opts: Common) {
  const org = await resolveOrg(ctx, opts.org);
  await ctx.auth.keys.revoke(org.id, keyId);
  const record = await ctx.apiKeys.get(org.id, keyId);
  if (record === undefined) throw new CliInputError(`no key ${keyId} in organization ${org.name}`);
  return keyView(record);
}

/** Registers `tessera keys create|list|revoke`, working directly on the database. */
export function registerKeys(program: Command): void {
  const keys = commandGroup(program, 'keys', 'Manage API keys directly in the database');
  const common = (c: Command) =>
    c
      .option('--data <dir>', 'data directory (default: TESSERA_DATA or ./tessera-data; DATABASE_URL wins)')
      .option('--org <org>', 'organization id or name (needed when there are several)');
  common(keys.command('create').description('Create a key; prints it once'))
    .requiredOption('--name <name>', 'a label for the key')
    .requiredOption('--scopes <list>', `comma-separated: ${SCOPES.join(', ')}`)
    .option('--user <user_id>', 'bind the key to a user (it acts as them)')
    .action((opts: Common & { name: string; scopes: string; user?: string }) =>
      runJsonCommand(async () => {
        parseScopes(opts.scopes);
        const created = await withContext(opts.data, (ctx) => createKey(ctx, opts));
        process.stderr.write(
          'tessera: this API key is shown only once; store it now (only its hash is kept)\n',
        );
        return created;
      }),
    );
  common(keys.command('list').description('List keys (prefixes only)'))
    .option('--json', 'print JSON instead of a table')
    .action((opts: Common & { json?: boolean }) =>
      runTextCommand(async () => {
        const list = await withContext(opts.data, async (ctx) =>
          ctx.apiKeys.list((await resolveOrg(ctx, opts.org)).id),
        );
        return opts.json ? `${JSON.stringify(list.map(keyView))}\n` : keysTable(list);
      }),
    );
  common(keys.command('revoke').description('Revoke a key (servers stop accepting it within 5 s)'))
    .argument('<key_id>')
    .action((keyId: string, opts: Common) =>
      runJsonCommand(() => withContext(opts.data, (ctx) => revokeKey(ctx, keyId, opts))),
    );
}
