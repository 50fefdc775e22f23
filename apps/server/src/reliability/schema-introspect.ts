import type { SqlClient, SqlExecutor } from '@tessera/db';

/** One table as both databases can describe it: columns, unique keys (PK included) and foreign keys. */
export interface TableShape {
  /** `name` or `name?` (nullable), sorted. */
  readonly columns: string[];
  /** Primary key columns (comma-joined, in key order). */
  readonly primaryKey: string;
  /** Unique keys other than the primary key: `a,b` or `a,b where …` for partial ones, sorted. */
  readonly unique: string[];
  /** `a,b -> table(c,d)`, sorted. */
  readonly foreignKeys: string[];
}

export type SchemaShape = Record<string, TableShape>;

const text = (v: unknown) => String(v);

async function sqliteTable(tx: SqlExecutor, table: string): Promise<TableShape> {
  const cols = await tx.all<{ name: string; type: string; not_null: number; pk: number }>(
    'SELECT name, type, "notnull" AS not_null, pk FROM pragma_table_info(?)',
    [table],
  );
  const pk = cols.filter((c) => Number(c.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk));
  const indexes = await tx.all<{ name: string; origin: string; partial: number }>(
    'SELECT name, origin, partial FROM pragma_index_list(?) WHERE "unique" = 1',
    [table],
  );
  const unique: string[] = [];
  for (const index of indexes.filter((i) => i.origin !== 'pk')) {
    const parts = await tx.all<{ name: string }>('SELECT name FROM pragma_index_info(?) ORDER BY seqno', [
      index.name,
    ]);
    unique.push(`${parts.map((p) => p.name).join(',')}${Number(index.partial) ? ' (partial)' : ''}`);
  }
  const fks = await tx.all<{ id: number; from: string; table: string; to: string }>(
    'SELECT id, "from" AS "from", "table" AS "table", "to" AS "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq',
    [table],
  );
  const byId = new Map<number, { from: string[]; table: string; to: string[] }>();
  for (const f of fks) {
    const entry = byId.get(Number(f.id)) ?? { from: [], table: f.table, to: [] };
    entry.from.push(f.from);
    entry.to.push(f.to);
    byId.set(Number(f.id), entry);
  }
  // A single INTEGER PRIMARY KEY column is the rowid and never NULL. Any other PRIMARY KEY column accepts
  // NULL on SQLite unless declared NOT NULL (a legacy quirk), so it is reported nullable, as it is.
  const rowid = (c: { type: string; pk: number }) =>
    pk.length === 1 && Number(c.pk) === 1 && c.type.toUpperCase() === 'INTEGER';
  return {
    columns: cols.map((c) => (Number(c.not_null) || rowid(c) ? c.name : `${c.name}?`)).sort(),
    primaryKey: pk.map((c) => c.name).join(','),
    unique: unique.sort(),
    foreignKeys: [...byId.values()].map((f) => `${f.from.join(',')} -> ${f.table}(${f.to.join(',')})`).sort(),
  };
}

/** SQLite: sqlite_master and the table pragmas. */
async function introspectSqlite(tx: SqlExecutor): Promise<SchemaShape> {
  const tables = await tx.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const shape: SchemaShape = {};
  for (const t of tables) shape[t.name] = await sqliteTable(tx, t.name);
  return shape;
}

const PG_KEY_COLUMNS = (keys: string, rel: string) =>
  `(SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(${keys}) WITH ORDINALITY k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.attnum)`;

/** PostgreSQL: the catalog of the current schema (the search_path the client runs with). */
async function introspectPostgres(tx: SqlExecutor): Promise<SchemaShape> {
  const columns = await tx.all<{ table_name: string; column_name: string; is_nullable: string }>(
    `SELECT c.table_name, c.column_name, c.is_nullable FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`,
  );
  const indexes = await tx.all<{ table_name: string; pk: boolean; partial: boolean; cols: string }>(
    `SELECT t.relname AS table_name, i.indisprimary AS pk, i.indpred IS NOT NULL AS partial,
       ${PG_KEY_COLUMNS('i.indkey', 't.oid')} AS cols
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND i.indisunique`,
  );
  const fks = await tx.all<{ table_name: string; ref_table: string; cols: string; ref_cols: string }>(
    `SELECT tc.relname AS table_name, rc.relname AS ref_table, ${PG_KEY_COLUMNS('c.conkey', 'c.conrelid')} AS cols,
       ${PG_KEY_COLUMNS('c.confkey', 'c.confrelid')} AS ref_cols
     FROM pg_constraint c JOIN pg_class tc ON tc.oid = c.conrelid JOIN pg_class rc ON rc.oid = c.confrelid
     JOIN pg_namespace n ON n.oid = tc.relnamespace WHERE c.contype = 'f' AND n.nspname = current_schema()`,
  );
  const shape: SchemaShape = {};
  const table = (name: string) => {
    shape[name] ??= { columns: [], primaryKey: '', unique: [], foreignKeys: [] };
    return shape[name] as TableShape & { primaryKey: string };
  };
  for (const c of columns)
    table(c.table_name).columns.push(c.is_nullable === 'YES' ? `${c.column_name}?` : c.column_name);
  for (const i of indexes) {
    if (i.pk) table(i.table_name).primaryKey = text(i.cols);
    else table(i.table_name).unique.push(`${text(i.cols)}${i.partial ? ' (partial)' : ''}`);
  }
  for (const f of fks) table(f.table_name).foreignKeys.push(`${f.cols} -> ${f.ref_table}(${f.ref_cols})`);
  for (const t of Object.values(shape)) {
    t.columns.sort();
    t.unique.sort();
    t.foreignKeys.sort();
  }
  return Object.fromEntries(Object.entries(shape).sort(([a], [b]) => a.localeCompare(b)));
}

/** The schema as tables → shape, comparable across SQLite and PostgreSQL. */
export function introspectSchema(client: SqlClient): Promise<SchemaShape> {
  return client.read((tx) => (tx.dialect === 'sqlite' ? introspectSqlite(tx) : introspectPostgres(tx)));
}
