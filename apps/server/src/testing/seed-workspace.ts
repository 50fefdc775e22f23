import { join } from 'node:path';
import { createSqlStore, openDatabase, type SqlClient, TEST_ONTOLOGY } from '@tessera/db';
import type { Workflow } from '@tessera/schema';
import { createApiKeyService } from '../auth/api-key-service';
import { createContext } from '../compose';
import { loadConfig } from '../config';

/** A fixed 32-byte key for webhook secrets, shared by the seeding context and the serve processes. */
export const SEED_SECRET_KEY = 'ab'.repeat(32);

export interface SeedOptions {
  /** Annotators (each a project member with an `annotate` key). */
  readonly annotators: number;
  readonly tasks: number;
  readonly workflow?: Partial<Workflow>;
  /** Project name (slug). */
  readonly project?: string;
}

export interface SeededWorkspace {
  readonly orgId: string;
  readonly projectId: string;
  readonly project: string;
  /** An `admin` key (no user). */
  readonly adminKey: string;
  readonly annotators: readonly { readonly userId: string; readonly key: string }[];
  readonly taskIds: readonly string[];
}

/**
 * Seeds a migrated database directly through the engine (fast): one organization, an admin key, a project
 * with the test ontology published, annotators with keys and membership, and image tasks. Serve processes
 * started afterwards on the same database see it all.
 */
export async function seedWorkspace(client: SqlClient, options: SeedOptions): Promise<SeededWorkspace> {
  const config = { ...loadConfig({ env: {} }), secretKey: SEED_SECRET_KEY };
  const database = { client, store: createSqlStore(client), close: async () => undefined };
  const ctx = await createContext(config, { database });
  try {
    const { engine } = ctx;
    const keys = createApiKeyService(ctx.apiKeys, ctx.clock, ctx.ids);
    const org = await engine.orgs.createOrganization('reliability');
    const admin = await keys.create({ orgId: org.id, userId: null, name: 'admin', scopes: ['admin'] });
    const name = options.project ?? 'crash';
    const project = await engine.projects.createProject(org.id, null, {
      name,
      modality: 'image',
      workflow: options.workflow,
    });
    const draft = await engine.ontologies.createDraft(org.id, project.id, TEST_ONTOLOGY);
    await engine.ontologies.publish(org.id, project.id, draft.version);
    const annotators: { userId: string; key: string }[] = [];
    for (let i = 0; i < options.annotators; i++) {
      const user = await engine.orgs.createUser(org.id, {
        email: `a${i}@reliability.test`,
        name: `a${i}`,
        role: 'annotator',
      });
      await engine.projects.addMember(org.id, project.id, user.id);
      const { key } = await keys.create({
        orgId: org.id,
        userId: user.id,
        name: `a${i}`,
        scopes: ['annotate'],
      });
      annotators.push({ userId: user.id, key });
    }
    const taskIds: string[] = [];
    for (let i = 0; i < options.tasks; i += 500) {
      const inputs = Array.from({ length: Math.min(500, options.tasks - i) }, (_, j) => ({
        type: 'imageannotation',
        unique_id: `img-${i + j}`,
        item: { media_type: 'image', width: 100, height: 100 },
      }));
      for (const r of await engine.tasks.createTasks(org.id, project.id, inputs)) {
        if (r.outcome === 'created') taskIds.push(r.task.id);
      }
    }
    return { orgId: org.id, projectId: project.id, project: name, adminKey: admin.key, annotators, taskIds };
  } finally {
    await ctx.webhooks.close();
  }
}

/** Seeds `<dir>/tessera.db` (the file a serve process with TESSERA_DATA=dir opens), migrated, then closes it. */
export async function seedSqliteDir(dir: string, options: SeedOptions): Promise<SeededWorkspace> {
  const db = await openDatabase({ kind: 'sqlite', path: join(dir, 'tessera.db') });
  try {
    return await seedWorkspace(db.client, options);
  } finally {
    await db.close();
  }
}
