import { appendResults, type ResultRow } from '../results-file';
import type { Figures, Measurement } from './scenario';

/** Resolves each measurement's peers from this run's figures, prints the rows, and appends them if asked. */
export function report(measurements: readonly Measurement[], figures: Figures, write: boolean): void {
  const rows: ResultRow[] = measurements.map((m) => ({
    scenario: m.scenario,
    database: m.database,
    parameters: m.parameters,
    figure: m.figure,
    peers: m.peers(figures),
  }));
  console.log('\n== results');
  for (const r of rows) {
    console.log(`- ${r.scenario} | ${r.database} | ${r.parameters}\n    ${r.figure}\n    peers: ${r.peers}`);
  }
  if (write && rows.length > 0) {
    appendResults(rows);
    console.log(`\n${rows.length} rows appended to bench/RESULTS.md`);
  }
}
