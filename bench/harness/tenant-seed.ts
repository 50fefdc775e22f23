import type { BulkLine, TesseraClient } from '@tessera/client';
import { TEST_ONTOLOGY } from '@tessera/db';
import { createApiKeyService, createContext, loadConfig } from '@tessera/server';

export interface TenantPlan {
  /** Where the SQLite file lives (and the secret key), also used with PostgreSQL. */
  readonly dataDir: string;
  /** PostgreSQL database URL; SQLite in `dataDir` when absent. */
  readonly databaseUrl?: string;
  /** Projects to create, each with its consensus count (annotations per task). */
  readonly projects: readonly { readonly name: string; readonly consensus: number }[];
  readonly annotators: number;
  /** Indexes of the projects annotator `i` joins (default: all). */
  readonly membership?: (annotator: number) => readonly number[];
  /** Create one task per project through the engine (the template the backlog is copied from). */
  readonly templateTask?: boolean;
}

export interface Tenant {
  readonly adminKey: string;
  readonly annotatorKeys: readonly string[];
  readonly projectNames: readonly string[];
  readonly projectIds: readonly string[];
  /** Project names each annotator belongs to. */
  readonly memberOf: readonly (readonly string[])[];
}

/** An organization with an admin key, projects (test ontology published) and annotators with keys. */
export async function seedTenant(plan: TenantPlan): Promise<Tenant> {
  const env = plan.databaseUrl ? { DATABASE_URL: plan.databaseUrl } : {};
  const ctx = await createContext(loadConfig({ dataDir: plan.dataDir, env }));
  try {
    const { engine } = ctx;
    const keys = createApiKeyService(ctx.apiKeys, ctx.clock, ctx.ids);
    const org = await engine.orgs.createOrganization('Bench');
    const admin = await keys.create({ orgId: org.id, userId: null, name: 'admin', scopes: ['admin'] });
    const projectIds: string[] = [];
    for (const p of plan.projects) {
      const project = await engine.projects.createProject(org.id, null, {
        name: p.name,
        modality: 'image',
        workflow: { annotations_per_task: p.consensus },
      });
      const draft = await engine.ontologies.createDraft(org.id, project.id, TEST_ONTOLOGY);
      await engine.ontologies.publish(org.id, project.id, draft.version);
      if (plan.templateTask) {
        await engine.tasks.createTasks(org.id, project.id, [imageTask(`template-${p.name}`)]);
      }
      projectIds.push(project.id);
    }
    const annotatorKeys: string[] = [];
    const memberOf: string[][] = [];
    for (let i = 0; i < plan.annotators; i++) {
      const user = await engine.orgs.createUser(org.id, {
        email: `a${i}@bench.test`,
        name: `Annotator ${i}`,
        role: 'annotator',
      });
      const joined = plan.membership?.(i) ?? plan.projects.map((_, j) => j);
      for (const j of joined) await engine.projects.addMember(org.id, projectIds[j] as string, user.id);
      memberOf.push(joined.map((j) => plan.projects[j]?.name as string));
      const key = await keys.create({ orgId: org.id, userId: user.id, name: `a${i}`, scopes: ['annotate'] });
      annotatorKeys.push(key.key);
    }
    return {
      adminKey: admin.key,
      annotatorKeys,
      projectNames: plan.projects.map((p) => p.name),
      projectIds,
      memberOf,
    };
  } finally {
    await ctx.db.close();
  }
}

/** An image task input, as a customer would send it. */
export function imageTask(id: string): Exclude<BulkLine, string> {
  return {
    type: 'imageannotation',
    unique_id: `bench-${id}`,
    instruction: 'Box every car',
    item: { media_type: 'image', uri: `https://example.test/${id}.png`, width: 640, height: 480 },
  };
}

/** A valid annotation for the test ontology: one car box. */
export const CAR_BOX: Parameters<TesseraClient['submitAnnotation']>[0]['annotations'] = {
  classifications: [],
  objects: [
    {
      id: 'o1',
      class_id: 'car',
      geometry: { type: 'box', x: 10, y: 10, w: 50, h: 40 },
      attributes: { occluded: false },
    },
  ],
  spans: [],
  attributes: {},
};
