import type { Lease, SubmitResult } from '@tessera/core';
import { queueRoutes as R } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { eventDto, iso } from '../dto/dto';
import type { TaskRenderer } from '../dto/task-renderer';
import { addRoute, requireUser } from '../http/route-kit';

/** The annotator's queue (lease, heartbeat, submit, release), review, and the event feed. */
export function registerQueueRoutes(app: FastifyInstance, ctx: AppContext, renderer: TaskRenderer): void {
  const { engine, metrics } = ctx;

  /** Leases as the API shows them: the task DTO and its item (read by the lease itself). */
  async function renderLeases(orgId: string, leases: readonly Lease[]) {
    const tasks = await renderer.render(
      orgId,
      leases.map((l) => l.task),
    );
    return leases.map((l, i) => ({
      assignment_id: l.assignmentId,
      token: l.token,
      expires_at: iso(l.expiresAt),
      task: tasks[i] as (typeof tasks)[number],
      item: l.item,
    }));
  }

  async function nextLeaseRequest(orgId: string, query: { project?: string; count?: number }) {
    const projectId = query.project
      ? await engine.projects.resolveProjectId(orgId, query.project)
      : undefined;
    return { projectId, count: query.count ?? 1 };
  }

  addRoute(app, R.leaseTasks, async ({ body, principal }) => {
    const stop = metrics.leaseSeconds.startTimer();
    const annotatorId = requireUser(principal);
    const next = await nextLeaseRequest(principal.orgId, body);
    const leases = await engine.queue.lease({ ...next, orgId: principal.orgId, annotatorId });
    const rendered = await renderLeases(principal.orgId, leases);
    stop();
    return { leases: rendered };
  });
  addRoute(app, R.heartbeat, async ({ body, principal }) => {
    const { expiresAt } = await engine.queue.heartbeat(
      principal.orgId,
      requireUser(principal),
      body.task_id,
      body.token,
    );
    return { expires_at: iso(expiresAt) };
  });
  addRoute(app, R.submitAnnotation, async ({ body, principal }) => {
    const stop = metrics.submitSeconds.startTimer();
    const req = {
      orgId: principal.orgId,
      annotatorId: requireUser(principal),
      taskId: body.task_id,
      token: body.token,
      payload: body.annotations,
      durationMs: body.duration_ms ?? null,
    };
    const next = body.lease_next && (await nextLeaseRequest(principal.orgId, body.lease_next));
    const result: SubmitResult & { leases?: readonly Lease[] } = next
      ? await engine.queue.submitAndLease(req, next)
      : await engine.queue.submit(req);
    if (!result.replayed && result.task.status === 'completed') metrics.tasksCompleted.inc();
    const task = await renderer.renderOne(principal.orgId, result.task, result.finalLabel);
    const leases = result.leases && (await renderLeases(principal.orgId, result.leases));
    stop();
    return {
      annotation_id: result.annotationId,
      replayed: result.replayed,
      task,
      ...(leases ? { leases } : {}),
    };
  });
  addRoute(app, R.releaseLease, async ({ body, principal }) => {
    await engine.queue.release(
      principal.orgId,
      requireUser(principal),
      body.task_id,
      body.token,
      body.reason ?? 'release',
      body.error ?? null,
    );
    return {};
  });
  addRoute(app, R.reviewQueue, async ({ params, query, principal }) => {
    const project = await engine.projects.resolveProject(principal.orgId, params.project);
    return {
      docs: await renderer.render(
        principal.orgId,
        await engine.reviews.reviewQueue(principal.orgId, project.id, query.limit ?? 50),
      ),
    };
  });
  addRoute(app, R.reviewTask, async ({ params, body, principal }) => {
    const reviewer = requireUser(principal);
    const decision =
      body.action === 'fix'
        ? { action: 'fix' as const, payload: body.annotations, comment: body.comment }
        : body.action === 'reject'
          ? { action: 'reject' as const, comment: body.comment ?? '' }
          : { action: 'accept' as const, comment: body.comment };
    const task = await engine.reviews.review(principal.orgId, reviewer, params.task_id, decision);
    if (task.status === 'completed') metrics.tasksCompleted.inc();
    return renderer.renderOne(principal.orgId, task);
  });
  addRoute(app, R.listEvents, async ({ query, principal }) => {
    const projectId = query.project
      ? (await engine.projects.resolveProject(principal.orgId, query.project)).id
      : undefined;
    if (query.task_id !== undefined) await engine.tasks.getTask(principal.orgId, query.task_id); // 404 for another org's task
    const events = await engine.events.list(principal.orgId, query.after ?? 0, query.limit ?? 100, {
      projectId,
      taskId: query.task_id,
    });
    return { docs: events.map(eventDto), next_after: events.at(-1)?.seq ?? query.after ?? 0 };
  });
}
