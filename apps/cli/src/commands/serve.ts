import type { Command } from 'commander';
import { runCommand } from '../io/api-command';
import { describeStorage, launch, type ServeFlags, serveConfig, stoppable } from '../io/server-launch';
import { closeOnSignal } from '../io/shutdown';
import { writeText } from '../io/write-text';

/** Adds `--port`, `--data` and `--host` (shared by `serve` and `demo`). */
export function withServeFlags(command: Command): Command {
  return command
    .option('--port <n>', 'port to listen on (env PORT, default 8080; 0 = any free port)')
    .option(
      '--data <dir>',
      'data folder: SQLite database and assets (env TESSERA_DATA, default ./tessera-data)',
    )
    .option('--host <host>', 'interface to listen on (env TESSERA_HOST, default 127.0.0.1)');
}

/** `tessera serve`: the API and background jobs until SIGINT/SIGTERM, then a clean stop (exit 0). */
export function registerServe(program: Command): void {
  withServeFlags(
    program
      .command('serve')
      .description('Run the Tessera server (SQLite in --data, or PostgreSQL with DATABASE_URL)'),
  ).action((flags: ServeFlags) =>
    runCommand(async () => {
      const config = serveConfig(flags, process.env);
      const server = await launch(config, true);
      await writeText(
        `Tessera is listening on ${server.url} (${describeStorage(config)}); Ctrl+C stops it\n`,
      );
      // The server drains for config.drainTimeoutMs (503 + Retry-After to what is left); force is the backstop.
      await closeOnSignal(stoppable(server), { forceAfterMs: config.drainTimeoutMs + 2_000 });
    }),
  );
}
