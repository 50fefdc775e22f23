import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { cpuSeconds } from './harness/proc-status';
import { startServe, stopServe } from './harness/server-process';

async function measure(label: string, databaseUrl?: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'idle-'));
  const s = await startServe({ dataDir, databaseUrl });
  await new Promise((r) => setTimeout(r, 3000));
  const a = cpuSeconds(s.pid);
  await new Promise((r) => setTimeout(r, 10000));
  const b = cpuSeconds(s.pid);
  console.log(label, 'idle CPU over 10 s:', (b - a).toFixed(3), 's');
  await stopServe(s);
}
const base = process.env.TESSERA_PG_URL as string;
const c = new pg.Client({ connectionString: base });
await c.connect();
await c.query('DROP DATABASE IF EXISTS idle_x');
await c.query('CREATE DATABASE idle_x');
await c.end();
await measure('sqlite');
await measure('postgres', base.replace(/\/[^/]*$/, '/idle_x'));
