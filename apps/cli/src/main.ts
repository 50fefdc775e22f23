import { Command, CommanderError } from 'commander';
import { registrars } from './commands/index';

const program = new Command('tessera')
  .description('Tessera: the open data engine for AI teams')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });
for (const register of registrars) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander already printed its one-line message; help and version exit 0.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`tessera: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
