import { statsRoutes as R } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { addRoute, requireUser } from '../http/route-kit';
import { projectStatsDto, workItemDto } from './stats-dto';

/** Dashboards: a project's statistics, and the caller's projects with their work counts. */
export function registerStatsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { engine } = ctx;

  addRoute(app, R.getProjectStats, async ({ params, query, principal }) => {
    const project = await engine.projects.resolveProject(principal.orgId, params.project);
    const stats = await engine.stats.projectStats(principal.orgId, project.id, {
      hours: query.hours,
      bucketMinutes: query.bucket_minutes,
    });
    return projectStatsDto(stats);
  });

  // Annotators and reviewers see the projects they belong to; managers, admins and user-less keys see all
  // (the same rule as listing projects).
  addRoute(app, R.listMyWork, async ({ principal }) => {
    const member =
      principal.role === 'annotator' || principal.role === 'reviewer' ? requireUser(principal) : null;
    return { docs: (await engine.stats.work(principal.orgId, member)).map(workItemDto) };
  });
}
