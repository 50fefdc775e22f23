import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliInputError } from '../cli-error';
import { parsePort, serveConfig } from '../io/server-launch';
import { runCli, startCli } from '../testing/cli-process';

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-serve-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('tessera serve', () => {
  it('subprocess: listens on a free port, prints the URL, answers /healthz, and exits 0 on SIGTERM', async () => {
    const serve = startCli(['serve', '--port', '0', '--data', dataDir]);
    const [, url] = await serve.waitFor(/Tessera is listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${url}/v1/projects`)).status).toBe(401);
    serve.child.kill('SIGTERM');
    const result = await serve.exited();
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('subprocess: SIGINT stops it too; PORT from the environment is honoured', async () => {
    const serve = startCli(['serve', '--data', dataDir], { PORT: '0' });
    const [, url] = await serve.waitFor(/listening on (http:\/\/\S+:\d+)/);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    serve.child.kill('SIGINT');
    expect((await serve.exited()).code).toBe(0);
  });

  it('subprocess: a bad port is exit 2 with one line, and a taken port names the problem', async () => {
    const bad = await runCli(['serve', '--port', 'eighty']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('tessera: --port must be an integer from 0 to 65535, got "eighty"\n');
    const first = startCli(['serve', '--port', '0', '--data', dataDir]);
    const [, port] = await first.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
    const taken = await runCli(['serve', '--port', String(port), '--data', dataDir]);
    expect(taken.code).toBe(2);
    expect(taken.stderr.trim().split('\n')).toHaveLength(1);
    expect(taken.stderr).toMatch(/^tessera: cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/);
    first.child.kill('SIGTERM');
    expect((await first.exited()).code).toBe(0);
  });

  it('builds its config from flags over the environment', () => {
    const env = { PORT: '9000', TESSERA_DATA: '/tmp/x', TESSERA_HOST: '0.0.0.0' };
    expect(serveConfig({}, env)).toMatchObject({ port: 9000, dataDir: '/tmp/x', host: '0.0.0.0' });
    expect(serveConfig({ port: '0', data: '/tmp/y', host: '::1' }, env)).toMatchObject({
      port: 0,
      dataDir: '/tmp/y',
      host: '::1',
    });
    expect(serveConfig({}, { DATABASE_URL: 'postgres://u@h/db' }).databaseUrl).toBe('postgres://u@h/db');
    expect(() => serveConfig({}, { PORT: 'x' })).toThrow(/PORT must be an integer/);
    expect(() => parsePort('65536')).toThrow(CliInputError);
    expect(parsePort('8080')).toBe(8080);
  });
});
