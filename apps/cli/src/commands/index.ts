import type { Command } from 'commander';

/** A command file exports one registrar; main.ts wires them all into one program. */
export type CommandRegistrar = (program: Command) => void;

/** Returns the sub-command group `name` (e.g. `metrics`, `eval`), creating it on first use. */
export function commandGroup(program: Command, name: string, description: string): Command {
  const existing = program.commands.find((c) => c.name() === name);
  return existing ?? program.command(name).description(description);
}

// Each command file adds itself to this list (one import and one entry per file).
export const registrars: CommandRegistrar[] = [];
