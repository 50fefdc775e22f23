import { createCheckCaches } from './annotation-check';
import { createBatchService } from './batch-service';
import { createOntologyService } from './ontology-service';
import { createOrganizationService } from './organization-service';
import type { EngineDeps } from './ports';
import { createProjectService } from './project-service';
import { createQueueService } from './queue-service';
import { createReviewReader } from './review-annotations';
import { createReviewService } from './review-service';
import { createStatsService } from './stats/stats-service';
import { createTaskService } from './task-service';

/** Every use-case of the labeling engine over one set of ports. */
export function createEngine(deps: EngineDeps) {
  const caches = createCheckCaches();
  return {
    orgs: createOrganizationService(deps),
    projects: createProjectService(deps),
    ontologies: createOntologyService(deps),
    batches: createBatchService(deps),
    tasks: createTaskService(deps),
    queue: createQueueService(deps, caches),
    reviews: createReviewService(deps, caches),
    stats: createStatsService(deps),
    reviewReads: createReviewReader(deps),
    events: {
      /** The organization's events after a sequence number, oldest first. */
      list: (
        orgId: string,
        afterSeq: number,
        limit: number,
        filter: { projectId?: string; taskId?: string } = {},
      ) => deps.store.read((tx) => tx.events.list(orgId, afterSeq, limit, filter)),
    },
  };
}
export type Engine = ReturnType<typeof createEngine>;
