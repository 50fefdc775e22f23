/** A job or a queue call with invalid arguments (a programming error, not a job failure). */
export class InvalidJobError extends Error {
  readonly code = 'invalid_job';
  override readonly name = 'InvalidJobError';
}

/** Throws `InvalidJobError` with `message` unless `condition` holds. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new InvalidJobError(message);
}

/** A failure as the text stored in `last_error`: the message only, no stack, at most 2,000 characters. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.length > 2_000 ? `${text.slice(0, 1_999)}…` : text;
}
