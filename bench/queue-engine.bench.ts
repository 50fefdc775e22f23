/**
 * The labeling engine without HTTP: K concurrent annotators lease and submit against one SQLite file
 * (synchronous=FULL, group commit) — the ceiling the HTTP figures can reach.
 *
 *   npx tsx bench/queue-engine.bench.ts [tasks=20000] [annotators=50] [consensus=1]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAnnotator } from '@tessera/db';
import { openEngineProject, queueBoxTasks } from './harness/engine-project';

const [tasks = 20_000, annotators = 50, consensus = 1] = process.argv.slice(2).map(Number);
const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
const bench = await openEngineProject(join(dir, 'bench.db'), consensus);
const { db, engine, orgId, project } = bench;
const users = [];
for (let i = 0; i < annotators; i++) {
  const u = await engine.orgs.createUser(orgId, {
    email: `a${i}@bench.test`,
    name: `a${i}`,
    role: 'annotator',
  });
  await engine.projects.addMember(orgId, project.id, u.id);
  users.push(u.id);
}
await queueBoxTasks(bench, tasks);
const payload = {
  classifications: [],
  spans: [],
  attributes: {},
  objects: [
    {
      id: 'o1',
      class_id: 'car',
      geometry: { type: 'box', x: 10, y: 10, w: 50, h: 40 },
      attributes: { occluded: false },
    },
  ],
};
const start = performance.now();
await Promise.all(users.map((u) => runAnnotator(engine, orgId, u, () => payload, 1)));
const seconds = (performance.now() - start) / 1000;
const [done] = await db.client.all<{ n: number }>(
  "SELECT COUNT(*) AS n FROM tasks WHERE status = 'completed'",
);
console.log(
  `${done?.n} tasks completed in ${seconds.toFixed(2)} s: ${Math.round(Number(done?.n) / seconds)} tasks/s (consensus ${consensus}, ${annotators} annotators)`,
);
await db.close();
rmSync(dir, { recursive: true, force: true });
