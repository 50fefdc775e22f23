import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { startServer } from './server';
import { TEST_SECRET_KEY } from './testing/test-app';
import { DELIVER_QUEUE } from './webhooks/outbox-fanout';

describe('tessera serve logging', () => {
  // Regression (reliability O2): the job runner had no logger, so failed and dead-lettered background jobs
  // (webhook fan-out and delivery, the lease sweeper) left no trace in the server's log.
  it('logs background job failures with component "jobs" (no request, so no reqId)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-serve-log-'));
    try {
      const logFile = join(dir, 'serve.log');
      const env = {
        PORT: '0',
        TESSERA_DATA: dir,
        TESSERA_SECRET_KEY: TEST_SECRET_KEY,
        TESSERA_LOG_LEVEL: 'warn',
      };
      const server = await startServer(loadConfig({ env }), { logFile });
      try {
        await server.ctx.jobs.enqueue({ queue: DELIVER_QUEUE, payload: { broken: true }, maxAttempts: 1 });
        const deadline = Date.now() + 10_000;
        while (!readFileSync(logFile, 'utf8').includes('job dead-lettered') && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        await server.close();
      }
      const line = readFileSync(logFile, 'utf8')
        .split('\n')
        .find((l) => l.includes('job dead-lettered'));
      expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 50, component: 'jobs', queue: DELIVER_QUEUE });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
