import { join } from 'node:path';
import { NotFoundError } from '@tessera/core';
import type { Batch, Project } from '@tessera/schema';
import type { AppContext } from '@tessera/server';
import { type DemoLogin, ensureDemoAccounts } from './demo-accounts';
import { DEMO_COUNTS, type DemoProject, IMAGE_PROJECT, NER_PROJECT } from './demo-content';
import { SCENE_HEIGHT, SCENE_WIDTH, sceneFileName, sceneLayout, writeSceneImages } from './demo-images';
import { demoSnippet, textFileName, writeTextSnippets } from './demo-texts';

export interface DemoProjectSummary {
  readonly name: string;
  readonly batch: string;
  readonly tasks: number;
}

export interface DemoSummary {
  readonly orgId: string;
  readonly adminKey: string;
  readonly logins: readonly DemoLogin[];
  readonly projects: readonly DemoProjectSummary[];
  readonly assetsDir: string;
  readonly credentialsPath: string;
}

export interface DemoOptions {
  readonly images?: number;
  readonly texts?: number;
}

async function orUndefined<T>(lookup: Promise<T>): Promise<T | undefined> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/** The project with its ontology published (a leftover draft from an interrupted run is published). */
async function ensureProject(
  ctx: AppContext,
  orgId: string,
  adminId: string,
  spec: DemoProject,
): Promise<Project> {
  const { projects, ontologies } = ctx.engine;
  const project =
    (await orUndefined(projects.resolveProject(orgId, spec.name))) ??
    (await projects.createProject(orgId, adminId, {
      name: spec.name,
      title: spec.title,
      modality: spec.modality,
      workflow: spec.workflow,
    }));
  if (project.ontology_version > 0) return project;
  const draft =
    (await ontologies.list(orgId, project.id)).find((v) => !v.published) ??
    (await ontologies.createDraft(orgId, project.id, spec.ontology));
  await ontologies.publish(orgId, project.id, draft.version);
  return projects.getProject(orgId, project.id);
}

async function ensureBatch(ctx: AppContext, orgId: string, projectId: string, name: string): Promise<Batch> {
  const { batches } = ctx.engine;
  return (
    (await orUndefined(batches.getBatchByName(orgId, projectId, name))) ??
    (await batches.createBatch(orgId, projectId, name))
  );
}

function imageInputs(count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => {
    const index = i + 1;
    const layout = sceneLayout(index);
    const file = sceneFileName(index);
    return {
      type: IMAGE_PROJECT.taskType,
      unique_id: `${IMAGE_PROJECT.name}/${file}`,
      instruction: IMAGE_PROJECT.instruction,
      item: { media_type: 'image', uri: `/assets/${file}`, width: SCENE_WIDTH, height: SCENE_HEIGHT },
      tags: [layout.timeOfDay],
      metadata: {
        scene: index,
        synthetic_objects: layout.objects.map(({ class_id, x, y, w, h }) => ({ class_id, x, y, w, h })),
      },
    };
  });
}

function textInputs(count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => {
    const file = textFileName(i + 1);
    return {
      type: NER_PROJECT.taskType,
      unique_id: `${NER_PROJECT.name}/${file}`,
      instruction: NER_PROJECT.instruction,
      item: { media_type: 'text', text: demoSnippet(i + 1), uri: `/assets/${file}` },
      metadata: { snippet: i + 1 },
    };
  });
}

/** Creates the tasks the batch lacks (unique_ids make reruns no-ops), then finalizes a staging batch. */
async function fillBatch(
  ctx: AppContext,
  ids: { orgId: string; adminId: string },
  spec: DemoProject,
  inputs: readonly unknown[],
): Promise<DemoProjectSummary> {
  const project = await ensureProject(ctx, ids.orgId, ids.adminId, spec);
  let batch = await ensureBatch(ctx, ids.orgId, project.id, spec.batch);
  if (batch.status !== 'completed' && batch.status !== 'canceled') {
    for (let start = 0; start < inputs.length; start += 100) {
      const results = await ctx.engine.tasks.createTasks(
        ids.orgId,
        project.id,
        inputs.slice(start, start + 100),
        {
          batchId: batch.id,
          actorId: ids.adminId,
        },
      );
      const invalid = results.find((r) => r.outcome === 'invalid');
      if (invalid) throw new Error(`demo task ${start + invalid.index + 1} of ${spec.name} is invalid`);
    }
  }
  if (batch.status === 'staging')
    batch = await ctx.engine.batches.transition(ids.orgId, batch.id, 'finalize');
  const tasks = await ctx.engine.tasks.countTasks({ orgId: ids.orgId, projectId: project.id, limit: 1 });
  return { name: project.name, batch: batch.name, tasks };
}

/**
 * Sets up (or finds again) the demo: an organization with an admin, an annotator and a reviewer, an image
 * project with synthetic street scenes under `<data>/assets/`, and a text NER project, each with a finalized
 * batch of tasks. Running it again changes nothing.
 */
export async function setupDemo(ctx: AppContext, options: DemoOptions = {}): Promise<DemoSummary> {
  const images = options.images ?? DEMO_COUNTS.images;
  const texts = options.texts ?? DEMO_COUNTS.texts;
  const assetsDir = join(ctx.config.dataDir, 'assets');
  await writeSceneImages(assetsDir, images);
  await writeTextSnippets(assetsDir, texts);
  const accounts = await ensureDemoAccounts(ctx);
  const admin = accounts.logins.find((l) => l.role === 'admin');
  if (admin === undefined) throw new Error('the demo admin is missing');
  const ids = { orgId: accounts.org_id, adminId: admin.user_id };
  const projects: DemoProjectSummary[] = [];
  for (const [spec, inputs] of [
    [IMAGE_PROJECT, imageInputs(images)],
    [NER_PROJECT, textInputs(texts)],
  ] as const) {
    projects.push(await fillBatch(ctx, ids, spec, inputs));
    const project = await ctx.engine.projects.resolveProject(ids.orgId, spec.name);
    for (const login of accounts.logins)
      await ctx.engine.projects.addMember(ids.orgId, project.id, login.user_id);
  }
  return {
    orgId: accounts.org_id,
    adminKey: admin.key,
    logins: accounts.logins,
    projects,
    assetsDir,
    credentialsPath: accounts.path,
  };
}
