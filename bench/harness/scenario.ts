import type { BenchOptions } from './options';
import type { PostgresServer } from './postgres-server';

/** Figures of this run by key, so a row can quote its peers' figures from the same run. */
export type Figures = Map<string, number>;

export interface BenchContext {
  readonly options: BenchOptions;
  /** PostgreSQL with fsync on (the durable figures). */
  readonly durablePg: PostgresServer;
  /** The test server from scripts/with-postgres.sh (fsync=off), when TESSERA_PG_URL is set. */
  readonly fastPg: PostgresServer | null;
  readonly figures: Figures;
}

/** One row of bench/RESULTS.md, with its peers' figures resolved after every scenario ran. */
export interface Measurement {
  readonly scenario: string;
  readonly database: string;
  readonly parameters: string;
  readonly figure: string;
  readonly peers: (figures: Figures) => string;
}

export interface Scenario {
  /** Unique; `--only` matches words of it. */
  readonly name: string;
  /** false: left out of `--smoke` (its code path is exercised by another scenario). */
  readonly inSmoke?: boolean;
  run(ctx: BenchContext): Promise<Measurement[]>;
}

/** "12,345" */
export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A figure of this run, or `?` when its scenario did not run. */
export function fig(figures: Figures, key: string, digits = 0): string {
  const v = figures.get(key);
  if (v === undefined) return '?';
  return digits === 0 ? fmt(v) : v.toFixed(digits);
}

/** `ours / theirs` as "3.2×", or `?`. */
export function ratio(figures: Figures, ours: string, theirs: string): string {
  const a = figures.get(ours);
  const b = figures.get(theirs);
  if (a === undefined || b === undefined || b === 0) return '?';
  const r = a / b;
  return `${r >= 10 ? r.toFixed(0) : r >= 0.1 ? r.toFixed(1) : r.toPrecision(2)}×`;
}
