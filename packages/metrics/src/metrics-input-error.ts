/**
 * Input a metric cannot be computed on (empty data, mismatched lengths, a label outside the declared
 * categories, ...). Stable `code`; callers at the edges map it to HTTP 400 or CLI exit code 2.
 */
export class MetricsInputError extends Error {
  readonly code = 'invalid_metrics_input';
  readonly status = 400;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MetricsInputError';
  }
}
