import { loadConfig } from '../config';
import { startServer } from '../server';

/**
 * A `serve` process for multi-process tests: configured from the environment (DATABASE_URL, TESSERA_PG_SCHEMA,
 * PORT=0 for a free port), prints `{"url": …, "pid": …}` once listening, stops cleanly on SIGTERM.
 */
const server = await startServer(loadConfig({ env: process.env }), { logger: false });
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
