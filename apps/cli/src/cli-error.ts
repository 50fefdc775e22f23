/** A failure the user can fix (bad flags, bad input file): exit code 2 and one line on stderr. */
export class CliInputError extends Error {
  readonly code: string;
  constructor(message: string, code = 'bad_input') {
    super(message);
    this.name = 'CliInputError';
    this.code = code;
  }
}

/** Turns any thrown value into the one line the user sees; never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
