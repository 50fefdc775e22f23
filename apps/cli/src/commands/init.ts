import type { AppContext } from '@tessera/server';
import type { Command } from 'commander';
import { CliInputError } from '../cli-error';
import { runJsonCommand } from '../io/output';
import { withContext } from '../io/tessera-context';

export interface InitOptions {
  readonly org: string;
  readonly email: string;
}

export interface InitResult {
  readonly org_id: string;
  readonly org_name: string;
  readonly user_id: string;
  readonly email: string;
  readonly key_id: string;
  /** The admin API key: printed once, only its SHA-256 is stored. */
  readonly key: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

/** Checks the flags before anything touches the database. */
export function checkInitOptions(opts: InitOptions): void {
  if (opts.org.trim() === '' || opts.org.length > 200)
    throw new CliInputError('--org must be 1 to 200 characters');
  if (!EMAIL.test(opts.email) || opts.email.length > 320) {
    throw new CliInputError(`--email ${JSON.stringify(opts.email)} is not an email address`);
  }
}

/** Creates the organization, its admin user and an admin API key bound to that user. */
export async function initialize(ctx: AppContext, opts: InitOptions): Promise<InitResult> {
  checkInitOptions(opts);
  const existing = await ctx.db.client.all('SELECT id FROM orgs WHERE name = ?', [opts.org]);
  if (existing.length > 0) {
    throw new CliInputError(
      `organization ${JSON.stringify(opts.org)} already exists; use \`tessera keys create --org\` for another key`,
    );
  }
  const org = await ctx.engine.orgs.createOrganization(opts.org);
  const user = await ctx.auth.accounts.createUser(org.id, {
    email: opts.email,
    name: 'Admin',
    role: 'admin',
  });
  const { key, record } = await ctx.auth.keys.create({
    orgId: org.id,
    userId: user.id,
    name: 'admin (tessera init)',
    scopes: ['admin'],
  });
  return { org_id: org.id, org_name: org.name, user_id: user.id, email: user.email, key_id: record.id, key };
}

/** Registers `tessera init`. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('Create an organization, its admin user and an admin API key (printed once)')
    .option('--data <dir>', 'data directory (default: TESSERA_DATA or ./tessera-data; DATABASE_URL wins)')
    .option('--org <name>', 'organization name', 'default')
    .option('--email <email>', "the admin user's email", 'admin@localhost')
    .action((opts: { data?: string; org: string; email: string }) =>
      runJsonCommand(async () => {
        checkInitOptions(opts);
        const result = await withContext(opts.data, (ctx) => initialize(ctx, opts));
        process.stderr.write(
          'tessera: this admin API key is shown only once; store it now (only its hash is kept)\n',
        );
        return result;
      }),
    );
}
