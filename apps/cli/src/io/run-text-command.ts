import { CliInputError, describeError } from '../cli-error';

/**
 * Like `runJsonCommand`, for commands that print text (tables): the body's text goes to stdout; an error
 * becomes one line on stderr with exit code 2 (bad input) or 1 (anything else), never a stack trace.
 */
export async function runTextCommand(body: () => Promise<string>): Promise<void> {
  try {
    const text = await body();
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(text, (e) => (e ? reject(e) : resolve())),
    );
  } catch (error) {
    process.stderr.write(`tessera: ${describeError(error)}\n`);
    process.exitCode = error instanceof CliInputError ? 2 : 1;
  }
}
