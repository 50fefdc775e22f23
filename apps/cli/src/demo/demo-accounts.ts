import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ROLE_SCOPES, type Role } from '@tessera/schema';
import { type AppContext, createApiKeyService, hashApiKey } from '@tessera/server';
import { DEMO_ORG, DEMO_USERS } from './demo-content';

export interface DemoLogin {
  readonly user_id: string;
  readonly email: string;
  readonly role: Role;
  readonly password: string;
  /** An API key bound to this user (the annotator's and reviewer's let scripts use the queue). */
  readonly key: string;
}

/** What `<data>/demo-credentials.json` (mode 0600) holds: secrets are shown once by the API, so kept here. */
export interface DemoCredentials {
  readonly org_id: string;
  readonly logins: readonly DemoLogin[];
}

export const CREDENTIALS_FILE = 'demo-credentials.json';

async function readCredentials(path: string): Promise<DemoCredentials | null> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<DemoCredentials>;
    return typeof value.org_id === 'string' && Array.isArray(value.logins)
      ? (value as DemoCredentials)
      : null;
  } catch {
    return null;
  }
}

async function writeCredentials(path: string, credentials: DemoCredentials): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, path);
}

/** The demo organization: the one the credentials file names, else the oldest one called DEMO_ORG. */
async function ensureOrg(ctx: AppContext, knownId: string | undefined): Promise<string> {
  const [row] = await ctx.db.client.all<{ id: string }>(
    'SELECT id FROM orgs WHERE id = ? OR name = ? ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END, created_at, id LIMIT 1',
    [knownId ?? '', DEMO_ORG, knownId ?? ''],
  );
  return row?.id ?? (await ctx.engine.orgs.createOrganization(DEMO_ORG)).id;
}

async function keyIsLive(ctx: AppContext, key: string, orgId: string, userId: string): Promise<boolean> {
  const record = await ctx.apiKeys.findByHash(hashApiKey(key));
  return (
    record !== undefined && record.orgId === orgId && record.userId === userId && record.revokedAt === null
  );
}

/** One demo user with a password and an API key, reusing what the credentials file already holds. */
async function ensureLogin(
  ctx: AppContext,
  orgId: string,
  spec: (typeof DEMO_USERS)[number],
  saved: DemoLogin | undefined,
): Promise<DemoLogin> {
  const { auth } = ctx;
  const password = saved?.password ?? randomBytes(12).toString('base64url');
  const [found] = await auth.users.findLoginCandidates(spec.email, orgId);
  let userId: string;
  if (found === undefined) {
    userId = (await auth.accounts.createUser(orgId, { ...spec, password })).id;
  } else {
    userId = found.user.id;
    const same = found.passwordHash !== null && (await auth.passwords.verify(found.passwordHash, password));
    if (!same)
      await auth.users.setPassword(orgId, userId, await auth.passwords.hash(password), ctx.clock.now());
  }
  let key = saved?.key;
  if (key === undefined || !(await keyIsLive(ctx, key, orgId, userId))) {
    const keys = createApiKeyService(ctx.apiKeys, ctx.clock, ctx.ids);
    key = (await keys.create({ orgId, userId, name: `demo ${spec.role}`, scopes: ROLE_SCOPES[spec.role] }))
      .key;
  }
  return { user_id: userId, email: spec.email, role: spec.role, password, key };
}

/**
 * The demo organization with an admin, an annotator and a reviewer (passwords and API keys), created once
 * and found again on later runs; the secrets live in `<data>/demo-credentials.json`.
 */
export async function ensureDemoAccounts(ctx: AppContext): Promise<DemoCredentials & { path: string }> {
  const path = join(ctx.config.dataDir, CREDENTIALS_FILE);
  const saved = await readCredentials(path);
  const orgId = await ensureOrg(ctx, saved?.org_id);
  const previous = saved?.org_id === orgId ? saved.logins : [];
  const logins: DemoLogin[] = [];
  for (const spec of DEMO_USERS) {
    logins.push(
      await ensureLogin(
        ctx,
        orgId,
        spec,
        previous.find((l) => l.email === spec.email),
      ),
    );
  }
  const credentials = { org_id: orgId, logins };
  if (JSON.stringify(credentials) !== JSON.stringify(saved)) await writeCredentials(path, credentials);
  return { ...credentials, path };
}
