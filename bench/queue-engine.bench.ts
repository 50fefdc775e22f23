/**
 * The labeling engine without HTTP: K concurrent annotators lease and submit against one SQLite file
 * (synchronous=FULL, group commit) — the ceiling the HTTP figures can reach.
 *
 *   npx tsx bench/queue-engine.bench.ts [tasks=20000] [annotators=50] [consensus=1]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '@tessera/core';
import {
  createIdGenerator,
  openDatabase,
  runAnnotator,
  seededRandom,
  systemClock,
  TEST_ONTOLOGY,
} from '@tessera/db';

const [tasks = 20_000, annotators = 50, consensus = 1] = process.argv.slice(2).map(Number);
const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
const db = await openDatabase({ kind: 'sqlite', path: join(dir, 'bench.db') });
const engine = createEngine({
  store: db.store,
  clock: systemClock,
  ids: createIdGenerator(),
  random: seededRandom(1),
});
const org = await engine.orgs.createOrganization('bench');
const project = await engine.projects.createProject(org.id, null, {
  name: 'bench',
  modality: 'image',
  workflow: { annotations_per_task: consensus },
});
await engine.ontologies.publish(
  org.id,
  project.id,
  (await engine.ontologies.createDraft(org.id, project.id, TEST_ONTOLOGY)).version,
);
const users = [];
for (let i = 0; i < annotators; i++) {
  const u = await engine.orgs.createUser(org.id, {
    email: `a${i}@bench.test`,
    name: `a${i}`,
    role: 'annotator',
  });
  await engine.projects.addMember(org.id, project.id, u.id);
  users.push(u.id);
}
const item = { media_type: 'image', width: 640, height: 480 };
for (let i = 0; i < tasks; i += 1000) {
  await engine.tasks.createTasks(
    org.id,
    project.id,
    Array.from({ length: Math.min(1000, tasks - i) }, () => ({ type: 'box', item })),
  );
}
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
await Promise.all(users.map((u) => runAnnotator(engine, org.id, u, () => payload, 1)));
const seconds = (performance.now() - start) / 1000;
const [done] = await db.client.all<{ n: number }>(
  "SELECT COUNT(*) AS n FROM tasks WHERE status = 'completed'",
);
console.log(
  `${done?.n} tasks completed in ${seconds.toFixed(2)} s: ${Math.round(Number(done?.n) / seconds)} tasks/s (consensus ${consensus}, ${annotators} annotators)`,
);
await db.close();
rmSync(dir, { recursive: true, force: true });
