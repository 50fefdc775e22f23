import { loadConfig } from '../config';
import { startServer } from '../server';

/**
 * A `serve` process for multi-process tests: configured from the environment (DATABASE_URL, TESSERA_PG_SCHEMA,
 * PORT=0 for a free port), prints `{"url": …, "pid": …}` once listening, stops cleanly on SIGTERM. Logs go to
 * TESSERA_LOG_FILE (at TESSERA_LOG_LEVEL) when it is set, and nowhere otherwise.
 */
const logFile = process.env.TESSERA_LOG_FILE;
const server = await startServer(loadConfig({ env: process.env }), logFile ? { logFile } : { logger: false });
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
const stop = () =>
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`close failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
