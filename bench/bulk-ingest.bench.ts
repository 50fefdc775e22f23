/**
 * Bulk NDJSON ingestion over HTTP on SQLite (performance.md: 200k tasks/s, memory flat). A `serve` child
 * process (own pid, `synchronous=FULL`) receives `POST /v1/tasks/bulk` streamed from this process without
 * ever holding the file; the parent samples the child's RSS from /proc every 25 ms and reads its kernel
 * high-water mark (VmHWM) at the end.
 *
 *   npx tsx bench/bulk-ingest.bench.ts                 # 100,000 and 1,000,000 tasks
 *   npx tsx bench/bulk-ingest.bench.ts --tasks 200000  # one size
 *   npx tsx bench/bulk-ingest.bench.ts --write         # also append to bench/RESULTS.md
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIdGenerator, systemClock, TEST_ONTOLOGY } from '@tessera/db';
import { createApiKeyService, createContext, loadConfig, startServer } from '@tessera/server';
import { appendResults } from './results-file';

const SELF = fileURLToPath(import.meta.url);

async function serveChild(): Promise<void> {
  const server = await startServer(loadConfig({ env: process.env }), { logger: false });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

async function prepare(dataDir: string): Promise<string> {
  const ctx = await createContext(loadConfig({ dataDir, env: {} }));
  const org = await ctx.engine.orgs.createOrganization('Bench');
  const admin = await ctx.engine.orgs.createUser(org.id, { email: 'a@bench.test', name: 'A', role: 'admin' });
  const keys = createApiKeyService(
    ctx.apiKeys,
    systemClock,
    createIdGenerator(() => Date.now()),
  );
  const { key } = await keys.create({ orgId: org.id, userId: admin.id, name: 'bench', scopes: ['admin'] });
  await ctx.db.close();
  return key;
}

function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      '--import',
      'tsx',
      SELF,
      '--serve',
    ],
    {
      env: { ...process.env, PORT: '0', TESSERA_DATA: dataDir, TESSERA_RUN_JOBS: '0', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n'))
        resolve({ child, url: (JSON.parse(out.split('\n')[0] ?? '{}') as { url: string }).url });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${String(code)}`)));
  });
}

async function api(url: string, key: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

function line(i: number): string {
  return `{"type":"imageannotation","unique_id":"bench-${i}","instruction":"Box every car","item":{"media_type":"image","uri":"https://example.test/${i}.png","width":640,"height":480}}\n`;
}

/** Streams `tasks` lines (64 KiB writes, waiting for drain), resolves with the response body. */
function upload(url: string, key: string, tasks: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/v1/tasks/bulk?project=cars`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => {
        text += d.toString();
      });
      res.on('end', () => resolve(text));
    });
    let i = 0;
    const pump = () => {
      while (i < tasks) {
        let chunk = '';
        while (i < tasks && chunk.length < 65_536) chunk += line(++i);
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

function rssKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0);
}

async function run(tasks: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bulk-bench-'));
  const key = await prepare(dataDir);
  const { child, url } = await startChild(dataDir);
  const pid = child.pid as number;
  try {
    await api(url, key, '/v1/projects', { name: 'cars', modality: 'image' });
    await api(url, key, '/v1/projects/cars/ontology-versions', { definition: TEST_ONTOLOGY });
    await api(url, key, '/v1/projects/cars/ontology-versions/1/publish');
    const before = rssKiB(pid, 'VmRSS');
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssKiB(pid, 'VmRSS'));
    }, 25);
    const started = performance.now();
    const body = JSON.parse(await upload(url, key, tasks)) as { created: number };
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (body.created !== tasks) throw new Error(`created ${body.created} of ${tasks}`);
    const result = {
      tasks,
      seconds: Number(seconds.toFixed(2)),
      tasksPerSecond: Math.round(tasks / seconds),
      rssBeforeMiB: Math.round(before / 1024),
      rssPeakSampledMiB: Math.round(peak / 1024),
      rssHighWaterMiB: Math.round(rssKiB(pid, 'VmHWM') / 1024),
    };
    console.log(JSON.stringify(result));
    return result;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--serve')) await serveChild();
else {
  const at = process.argv.indexOf('--tasks');
  const sizes = at > 0 ? [Number(process.argv[at + 1])] : [100_000, 1_000_000];
  const results = [];
  for (const n of sizes) results.push(await run(n));
  if (process.argv.includes('--write')) {
    appendResults(
      results.map((r) => ({
        scenario: 'bulk NDJSON ingest over HTTP',
        database: 'sqlite (FULL)',
        parameters: `${r.tasks} tasks, one stream`,
        figure: `${r.tasksPerSecond} tasks/s; server RSS ${r.rssBeforeMiB} → peak ${r.rssHighWaterMiB} MiB`,
        peers: 'performance.md prototype: 234k tasks/s',
      })),
    );
  }
}
