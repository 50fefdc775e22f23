import type { Dialect } from '../sql-client';

/** Portable column types: the same logical schema on both databases (JSON is stored as text on both). */
export function columnTypes(dialect: Dialect) {
  const pg = dialect === 'postgres';
  return {
    id: 'TEXT',
    text: 'TEXT',
    int: 'INTEGER',
    /** Epoch milliseconds and large counters. */
    big: 'BIGINT',
    real: pg ? 'DOUBLE PRECISION' : 'REAL',
    json: 'TEXT',
    /** 0/1 on both databases, so the SQL is identical. */
    bool: 'SMALLINT',
    serialKey: pg ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT',
  } as const;
}

export interface Migration {
  /** `NNNN-name`, applied in order, each in its own transaction. */
  readonly name: string;
  statements(dialect: Dialect): readonly string[];
}
