import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './database-unavailable';
import { toProblem } from './error-handler';

const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('database outages are 503 database_unavailable, not 500', () => {
  // Regression (reliability Q2): while PostgreSQL restarted, every request failed 500 internal_error.
  it.each([
    ['pg connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['pg admin shutdown', withCode('57P01', 'terminating connection due to administrator command')],
    ['pg cannot connect now', withCode('57P03', 'the database system is starting up')],
    ['pg connection exception class 08', withCode('08006', 'connection failure')],
    ['dropped pg connection', new Error('Connection terminated unexpectedly')],
    ['broken pooled client', new Error('Client has encountered a connection error and is not queryable')],
    ['ended pool', new Error('Cannot use a pool after calling end on the pool')],
    ['closed SQLite handle', new TypeError('The database connection is not open')],
    ['SQLite still locked', withCode('SQLITE_BUSY', 'database is locked')],
    // Regression (reliability Q8): a failed write(2) was a stored 500, replayed to every retry for 24 h.
    ['SQLite I/O error', withCode('SQLITE_IOERR_WRITE', 'disk I/O error')],
    ['SQLite disk full', withCode('SQLITE_FULL', 'database or disk is full')],
    ['pg disk full', withCode('53100', 'could not extend file')],
  ])('%s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toProblem(error)).toMatchObject({ status: 503, code: 'database_unavailable' });
  });

  it('leaves other failures alone', () => {
    for (const error of [
      new Error('x is undefined'),
      withCode('23505'),
      withCode('SQLITE_CONSTRAINT_UNIQUE'),
      null,
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
    }
    expect(toProblem(new Error('bug'))).toMatchObject({ status: 500, code: 'internal_error' });
  });
});
