/**
 * A `tessera serve` process for the benchmarks: configured from the environment (DATABASE_URL or
 * TESSERA_DATA, PORT=0, TESSERA_RATE_*), prints `{"url": …}` once listening, stops cleanly on SIGTERM (so a
 * `--cpu-prof` profile gets written).
 */
import { loadConfig, startServer } from '@tessera/server';
import { installSqlStats } from './sql-stats';
import { installStatementLog } from './statement-log';

const statsDir = process.env.TESSERA_BENCH_SQL_STATS_DIR;
if (statsDir) installSqlStats(statsDir);
const statementLog = process.env.TESSERA_BENCH_STATEMENT_LOG;
if (statementLog) installStatementLog(statementLog);

const server = await startServer(loadConfig({ env: process.env }), { logger: false });
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
