import { MetricsInputError } from '@tessera/metrics';
import { CliInputError } from '../cli-error';

/**
 * JSON has no NaN: an undefined metric (e.g. κ at p_e = 1) is written as `null`, and the command adds a
 * `"note"` saying why.
 */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Runs a metrics computation, turning its `MetricsInputError` into a `CliInputError` (exit code 2). */
export function withInputErrors<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof MetricsInputError) throw new CliInputError(error.message);
    throw error;
  }
}
