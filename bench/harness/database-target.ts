import type { DatabaseLocation } from './lifecycle-verify';
import type { BenchContext } from './scenario';
import { scratchDir } from './scratch-dir';

/** A scenario's own database: a SQLite file in a fresh directory, or a fresh database on a PostgreSQL server. */
export interface DatabaseTarget {
  readonly location: DatabaseLocation;
  /** Every serve process and the seeding need a data directory (SQLite file, secret key). */
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** What the row's "database" column says. */
  readonly label: string;
  dispose(): Promise<void>;
}

export type DatabaseKind = 'sqlite' | 'postgres';

export const SQLITE_LABEL = 'sqlite 3 (WAL, synchronous=FULL as shipped)';

export async function openTarget(
  ctx: BenchContext,
  kind: DatabaseKind,
  name: string,
  server = ctx.durablePg,
): Promise<DatabaseTarget> {
  const dir = scratchDir(name);
  if (kind === 'sqlite') {
    return {
      location: { kind: 'sqlite', dataDir: dir.path },
      dataDir: dir.path,
      databaseUrl: undefined,
      label: SQLITE_LABEL,
      dispose: async () => dir.remove(),
    };
  }
  const db = await server.createDatabase(name);
  return {
    location: { kind: 'postgres', url: db.url, serverLog: server.logFile },
    dataDir: dir.path,
    databaseUrl: db.url,
    label: server.label,
    dispose: async () => {
      await db.drop();
      dir.remove();
    },
  };
}
