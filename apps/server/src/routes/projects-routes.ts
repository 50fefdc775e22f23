import { projectRoutes as R } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { batchDto, ontologyDto, projectDto } from '../dto/dto';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { addRoute, requireUser } from '../http/route-kit';

/** Projects, members, ontology versions and batches. */
export function registerProjectRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { engine } = ctx;
  const project = (orgId: string, ref: string) => engine.projects.resolveProject(orgId, ref);

  addRoute(app, R.createProject, async ({ body, principal }) =>
    projectDto(await engine.projects.createProject(principal.orgId, principal.userId, body)),
  );
  addRoute(app, R.listProjects, async ({ principal }) => {
    if (principal.role === 'annotator' || principal.role === 'reviewer') {
      const userId = requireUser(principal);
      return { docs: (await engine.projects.listForMember(principal.orgId, userId)).map(projectDto) };
    }
    return { docs: (await engine.projects.listProjects(principal.orgId)).map(projectDto) };
  });
  addRoute(app, R.getProject, async ({ params, principal }) =>
    projectDto(await project(principal.orgId, params.project)),
  );
  addRoute(app, R.updateWorkflow, async ({ params, body, principal }) => {
    const p = await project(principal.orgId, params.project);
    return projectDto(await engine.projects.updateWorkflow(principal.orgId, p.id, body));
  });
  addRoute(app, R.addMember, async ({ params, body, principal }) => {
    const p = await project(principal.orgId, params.project);
    await engine.projects.addMember(principal.orgId, p.id, body.user_id);
    return {};
  });

  addRoute(app, R.createOntologyDraft, async ({ params, body, principal }) => {
    const p = await project(principal.orgId, params.project);
    return ontologyDto(
      await engine.ontologies.createDraft(principal.orgId, p.id, body.definition, body.migration),
    );
  });
  addRoute(app, R.listOntologyVersions, async ({ params, principal }) => {
    const p = await project(principal.orgId, params.project);
    return { docs: (await engine.ontologies.list(principal.orgId, p.id)).map(ontologyDto) };
  });
  addRoute(app, R.getOntologyVersion, async ({ params, principal }) => {
    const p = await project(principal.orgId, params.project);
    return ontologyDto(await engine.ontologies.get(principal.orgId, p.id, params.version));
  });
  addRoute(app, R.updateOntologyDraft, async ({ params, body, principal }) => {
    const p = await project(principal.orgId, params.project);
    return ontologyDto(
      await engine.ontologies.updateDraft(
        principal.orgId,
        p.id,
        params.version,
        body.definition,
        body.migration,
      ),
    );
  });
  addRoute(app, R.publishOntologyVersion, async ({ params, principal }) => {
    const p = await project(principal.orgId, params.project);
    return ontologyDto(await engine.ontologies.publish(principal.orgId, p.id, params.version));
  });
  addRoute(app, R.diffOntologyVersions, async ({ params, query, principal }) => {
    const p = await project(principal.orgId, params.project);
    const from = query.from ?? Math.max(1, params.version - 1);
    return {
      from,
      to: params.version,
      ...(await engine.ontologies.diff(principal.orgId, p.id, from, params.version)),
    };
  });
  addRoute(app, R.applyOntologyMigration, async ({ params, principal }) => {
    const p = await project(principal.orgId, params.project);
    return engine.ontologies.applyMigration(principal.orgId, p.id, params.version);
  });

  registerBatchRoutes(app, ctx);
}

function registerBatchRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { engine } = ctx;
  const render = async (orgId: string, batch: Awaited<ReturnType<typeof engine.batches.getBatch>>) =>
    batchDto(batch, (await engine.projects.getProject(orgId, batch.project_id)).name);
  const resolve = (orgId: string, ref: string) => engine.batches.resolveBatch(orgId, ref);

  addRoute(app, R.createBatch, async ({ body, principal }) => {
    const p = await engine.projects.resolveProject(principal.orgId, body.project);
    return render(
      principal.orgId,
      await engine.batches.createBatch(principal.orgId, p.id, body.name, body.callback_url ?? null),
    );
  });
  addRoute(app, R.listBatches, async ({ query, principal }) => {
    const projectId = query.project
      ? (await engine.projects.resolveProject(principal.orgId, query.project)).id
      : undefined;
    const limit = query.limit ?? 100;
    const after = query.next_token
      ? decodeCursor(query.next_token, { project: projectId ?? null })
      : undefined;
    const rows = await engine.batches.listBatches(principal.orgId, projectId, after, limit + 1);
    const docs = await Promise.all(rows.slice(0, limit).map((b) => render(principal.orgId, b)));
    const last = rows[limit - 1];
    const hasMore = rows.length > limit && last !== undefined;
    return {
      docs,
      limit,
      has_more: hasMore,
      next_token: hasMore ? encodeCursor(last.created_at, last.id, { project: projectId ?? null }) : null,
    };
  });
  addRoute(app, R.getBatch, async ({ params, principal }) =>
    render(principal.orgId, await resolve(principal.orgId, params.batch)),
  );
  addRoute(app, R.batchStatus, async ({ params, principal }) =>
    engine.batches.status(principal.orgId, (await resolve(principal.orgId, params.batch)).id),
  );
  for (const [route, action] of [
    [R.finalizeBatch, 'finalize'],
    [R.pauseBatch, 'pause'],
    [R.resumeBatch, 'resume'],
    [R.cancelBatch, 'cancel'],
  ] as const) {
    addRoute(app, route, async ({ params, principal }) => {
      const batch = await resolve(principal.orgId, params.batch);
      return render(principal.orgId, await engine.batches.transition(principal.orgId, batch.id, action));
    });
  }
}
