import type { Command } from 'commander';
import { demoBanner } from '../demo/demo-banner';
import { setupDemo } from '../demo/demo-setup';
import { runCommand } from '../io/api-command';
import { describeStorage, launch, type ServeFlags, serveConfig, stoppable } from '../io/server-launch';
import { closeOnSignal } from '../io/shutdown';
import { writeText } from '../io/write-text';
import { withServeFlags } from './serve';

/**
 * `tessera demo`: the first command a newcomer runs. Starts the server, sets up demo data once (an
 * organization, an admin key, annotator and reviewer logins, an image and a text project with tasks), prints
 * the URL, key and logins, and serves until SIGINT/SIGTERM.
 */
export function registerDemo(program: Command): void {
  withServeFlags(
    program
      .command('demo')
      .description('Run Tessera with demo data: two projects, ~400 tasks, ready to label'),
  ).action((flags: ServeFlags) =>
    runCommand(async () => {
      const config = serveConfig(flags, process.env);
      const server = await launch(config, false);
      try {
        process.stderr.write('Setting up the demo data (the first run takes a few seconds)...\n');
        const summary = await setupDemo(server.ctx);
        await writeText(demoBanner(server.url, summary, describeStorage(config)));
      } catch (error) {
        await server.close();
        throw error;
      }
      // The server drains for config.drainTimeoutMs (503 + Retry-After to what is left); force is the backstop.
      await closeOnSignal(stoppable(server), { forceAfterMs: config.drainTimeoutMs + 2_000 });
    }),
  );
}
