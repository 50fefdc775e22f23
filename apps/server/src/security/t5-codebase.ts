import { fileURLToPath } from 'node:url';
import { migratedColumns } from './t5-migrated-schema';
import { BUILDERS, SOURCES } from './t5-sources';
import { openSourceProgram, type SourceProgram } from './t5-sql-program';
import { SiteCollector, type SqlSite } from './t5-sql-sites';
import { CATALOG_SCOPES, TABLE_SCOPES } from './t5-table-scopes';
import type { TenantSchema } from './t5-tenant-rule';

/** The repository root, from this file's place in apps/server/src/security. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface Codebase {
  readonly source: SourceProgram;
  readonly sites: readonly SqlSite[];
  readonly schema: TenantSchema;
}

/** Compiles the service's sources, collects every SQL site, and reads the migrated schema. */
export async function scanCodebase(): Promise<Codebase> {
  const columns = await migratedColumns();
  const source = openSourceProgram(REPO_ROOT, SOURCES);
  const sites = new SiteCollector(source, BUILDERS).collect();
  const scopes = new Map(Object.entries({ ...TABLE_SCOPES, ...CATALOG_SCOPES }));
  return { source, sites, schema: { columns, scopes } };
}
