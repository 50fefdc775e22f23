import { CliInputError, describeError } from '../cli-error';

/**
 * Writes one JSON document to stdout and resolves once it is flushed, so a large output piped to another
 * process is never cut short. The process then exits naturally (we never call process.exit()).
 */
export function writeJson(value: unknown, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const text = `${JSON.stringify(value)}\n`;
  return new Promise((resolve, reject) => {
    out.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

/**
 * Runs a command body: its result is printed as JSON; a CliInputError (or any error) becomes one line on
 * stderr and exit code 2 (1 for unexpected failures), without a stack trace.
 */
export async function runJsonCommand(body: () => Promise<unknown>): Promise<void> {
  try {
    const result = await body();
    await writeJson(result);
  } catch (error) {
    process.stderr.write(`tessera: ${describeError(error)}\n`);
    process.exitCode = error instanceof CliInputError ? 2 : 1;
  }
}
