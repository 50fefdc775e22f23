import pg from 'pg';
import type { PgQueryConfig } from './pg-statements';
import type { Row } from './sql-client';

type Parser = (text: string) => unknown;

const INT8 = 20;
const NUMERIC = 1700;
/** bigint and numeric columns arrive as JS numbers (epoch ms and counters fit in 2^53). */
const toNumber = (v: string) => Number(v);

/** The text parser of each column type: pg's, but bigint and numeric as numbers. */
export const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): Parser =>
    oid === INT8 || oid === NUMERIC ? toNumber : pg.types.getTypeParser(oid, format ?? 'text'),
};

interface FieldDescription {
  readonly name: string;
  readonly dataTypeID: number;
  readonly format?: string;
}

/** The members of pg's `Result` and `Query` this file replaces (not in pg's type declarations). */
interface ResultInternals {
  addFields(fields: readonly FieldDescription[]): void;
  parseRow(values: readonly (string | null)[]): Row;
}
interface QueryInternals {
  name?: string;
  _result: pg.Result;
  _results: pg.Result;
}

/**
 * pg's `Result` with cheaper rows. pg handles every answer's row description (sent again for every execution
 * of a named statement) by filling a null-prototype template with each column name and spreading it; then
 * every row spreads that template again. For the 43 columns of a lease row that template is a dictionary-mode
 * object: `addFields` alone was pg's costliest function in a PostgreSQL serve process (6% of its CPU in the
 * lifecycle benchmark). Here the description becomes two arrays (names, parsers), and each row is built by
 * plain assignments, which V8 turns into one shared hidden class per statement. A column named `__proto__`
 * or a binary column (Tessera asks for neither) takes pg's own path.
 */
class LeanResult extends pg.Result {
  private names: string[] = [];
  private parsers: Parser[] = [];
  private lean = true;

  addFields(fields: readonly FieldDescription[]): void {
    this.fields = fields as pg.FieldDef[];
    this.lean = fields.every((f) => f.name !== '__proto__' && f.format !== 'binary');
    if (!this.lean) {
      (pg.Result.prototype as unknown as ResultInternals).addFields.call(this, fields);
      return;
    }
    this.names = fields.map((f) => f.name);
    this.parsers = fields.map((f) => pgTypes.getTypeParser(f.dataTypeID, 'text'));
  }

  parseRow(values: readonly (string | null)[]): Row {
    if (!this.lean) return (pg.Result.prototype as unknown as ResultInternals).parseRow.call(this, values);
    const row: Row = {};
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      row[this.names[i] as string] =
        value === null || value === undefined ? null : (this.parsers[i] as Parser)(value);
    }
    return row;
  }
}

/**
 * A pg `Query` answered into a `LeanResult`. It is built from the SQL text (pg copies a config object with
 * `Object.defineProperties` on every call: another 4% of the serve's CPU) and named afterwards.
 */
class LeanQuery extends pg.Query {
  constructor(config: PgQueryConfig, callback: (error: Error | undefined, result: pg.Result) => void) {
    super(config.text, config.values, callback);
    const self = this as unknown as QueryInternals;
    if (config.name !== undefined) self.name = config.name;
    const result = new LeanResult('', pgTypes as unknown as typeof pg.types);
    self._result = result;
    self._results = result;
  }
}

/** Sends one statement on `client` (pipelined when the client is) and resolves with its rows. */
export function queryRows(client: pg.ClientBase, config: PgQueryConfig): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    client.query(new LeanQuery(config, (error, result) => (error ? reject(error) : resolve(result))));
  });
}
