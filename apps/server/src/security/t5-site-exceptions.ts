import type { SiteException } from './t5-tenant-check';

/**
 * T5's reviewed exceptions, keyed by `file#function` (the named function around the SQL call): statements on
 * tenant tables without an org filter of their own. `system`: cross-tenant by design. `checked`: keyed by an
 * id (task, project, batch, lease, reservation) that every caller got from a read that did filter by the
 * caller's organization, so another organization's row cannot be named; the reason says where. Each entry
 * lists exactly the tables concerned: a new unscoped table in the same function fails the check again.
 */

const PROJECT_CHECKED =
  "projectId comes from requireProject / projects.get(orgId, …) / projects.list(orgId) in the same transaction (core's project, stats, ontology and queue services)";
const TASK_CHECKED =
  "taskId is a task the caller loaded with tasks.get(orgId, …) (requireTask, requireInReview, the review reader) or reached through a lease requireLease matched to the caller's org";
const LEASE_CHECKED =
  "the assignment came from requireLease (org and annotator compared with the caller's) or from expiredAssignments";
const BATCH_CHECKED =
  "batchId comes from requireBatch (batches.get(orgId, …)) or from a task's batch_id after that task was loaded with its org filter";

const checked = (tables: readonly string[], reason: string): SiteException => ({
  tables,
  kind: 'checked',
  reason,
});
const system = (tables: readonly string[], reason: string): SiteException => ({
  tables,
  kind: 'system',
  reason,
});

const DB = 'packages/db/src/repos';

export const SITE_EXCEPTIONS: Readonly<Record<string, SiteException>> = {
  // packages/db: the engine's repositories. Core verifies the parent (project, task, batch, lease) with the
  // caller's organization first, then works by its id; the ports take no orgId for these.
  [`${DB}/export-repo.ts#annotationsOf`]: checked(
    ['annotations'],
    'task ids of the page just read with t.org_id = ? (exportPageSql)',
  ),
  [`${DB}/label-repos.ts#annotationRepo.listCurrentRound`]: checked(
    ['annotations', 'assignments'],
    TASK_CHECKED,
  ),
  [`${DB}/label-repos.ts#annotationRepo.listForTask`]: checked(['annotations'], TASK_CHECKED),
  [`${DB}/label-repos.ts#reviewRepo.listForTask`]: checked(
    ['reviews'],
    'no caller today (port method); a caller must pass a task it loaded with its org filter',
  ),
  [`${DB}/label-repos.ts#finalLabelRepo.latest`]: checked(['final_labels'], TASK_CHECKED),
  [`${DB}/label-repos.ts#finalLabelRepo.latestForTasks`]: checked(
    ['final_labels', 'tasks'],
    "the task renderer's tasks, each read with the caller's org filter (tasks routes) or from the tenant's own outbox event",
  ),
  [`${DB}/label-repos.ts#finalLabelRepo.revisions`]: checked(
    ['final_labels'],
    'labelRevisions calls requireTask(orgId, taskId) first',
  ),
  [`${DB}/label-repos.ts#finalLabelRepo.listStale`]: checked(['final_labels', 'tasks'], PROJECT_CHECKED),
  [`${DB}/label-repos.ts#goldScoreRepo.listForProject`]: checked(
    ['gold_scores'],
    'no caller today (port method); a caller must pass a project it loaded with its org filter',
  ),
  [`${DB}/event-repo.ts#eventRepo.outboxCount`]: checked(
    ['outbox'],
    'no caller outside tests (port method); the orgId filter is optional',
  ),
  [`${DB}/queue-repo.ts#queueRepo.claimCandidates`]: checked(
    ['tasks', 'assignments', 'items', 'project_members'],
    `${PROJECT_CHECKED}; the item joins on its task's org_id`,
  ),
  [`${DB}/queue-repo.ts#queueRepo.claimGoldCandidates`]: checked(
    ['tasks', 'assignments', 'items', 'project_members'],
    `${PROJECT_CHECKED}; the item joins on its task's org_id`,
  ),
  [`${DB}/queue-repo.ts#queueRepo.getAssignment`]: checked(
    ['assignments'],
    "requireLease compares the row's org_id and annotator_id with the caller's and answers 404 otherwise",
  ),
  [`${DB}/queue-repo.ts#queueRepo.endHeldAssignment`]: checked(['assignments'], LEASE_CHECKED),
  [`${DB}/queue-repo.ts#queueRepo.extendHeldAssignment`]: checked(['assignments'], LEASE_CHECKED),
  [`${DB}/queue-repo.ts#queueRepo.expiredAssignments`]: system(
    ['assignments'],
    "the lease sweeper job expires due leases of every organization; with a projectId, that project was loaded with the caller's org (leaseProject)",
  ),
  [`${DB}/queue-repo.ts#queueRepo.rejectSubmitted`]: checked(
    ['assignments'],
    'review() calls requireInReview(orgId, taskId) first',
  ),
  [`${DB}/queue-repo.ts#queueRepo.listAssignments`]: checked(
    ['assignments'],
    'no caller today (port method); a caller must pass a task it loaded with its org filter',
  ),
  [`${DB}/stats-repo.ts#statsRepo.stageCounts`]: checked(['tasks'], PROJECT_CHECKED),
  [`${DB}/stats-repo.ts#statsRepo.inFlight`]: checked(['assignments'], PROJECT_CHECKED),
  [`${DB}/stats-repo.ts#statsRepo.openDeadlines`]: checked(['tasks'], PROJECT_CHECKED),
  [`${DB}/stats-repo.ts#statsRepo.authorActivity`]: checked(['annotations'], PROJECT_CHECKED),
  [`${DB}/stats-repo.ts#statsRepo.goldAccuracy`]: checked(['gold_scores'], PROJECT_CHECKED),
  [`${DB}/stats-repo.ts#statsRepo.consensusSample`]: checked(
    ['annotations', 'tasks', 'final_labels'],
    PROJECT_CHECKED,
  ),
  [`${DB}/stats-repo.ts#statsRepo.finalLabelSample`]: checked(['final_labels', 'tasks'], PROJECT_CHECKED),
  [`${DB}/stats-repo.ts#statsRepo.submittedBuckets`]: checked(['annotations'], PROJECT_CHECKED),
  [`${DB}/stats-repo.ts#statsRepo.completedBuckets`]: checked(['tasks'], PROJECT_CHECKED),
  [`${DB}/stats-repo.ts#statsRepo.workCounts`]: checked(
    ['tasks'],
    "the per-project counts are returned only in the row of FROM projects WHERE org_id = ? AND id = ?, so another organization's project yields no row",
  ),
  [`${DB}/task-repo.ts#taskRepo.getForUpdate`]: checked(['tasks'], TASK_CHECKED),
  [`${DB}/task-repo.ts#taskRepo.update`]: checked(['tasks'], TASK_CHECKED),
  [`${DB}/task-repo.ts#taskRepo.patch`]: checked(['tasks'], TASK_CHECKED),
  [`${DB}/task-repo.ts#taskRepo.patchHeld`]: checked(['tasks'], TASK_CHECKED),
  [`${DB}/task-repo.ts#taskRepo.moveBatchStage`]: checked(['tasks'], BATCH_CHECKED),
  [`${DB}/task-repo.ts#taskRepo.queueDepth`]: checked(
    ['tasks'],
    'no caller today (port method); a caller must pass a project it loaded with its org filter',
  ),
  [`${DB}/task-repo.ts#batchRepo.getById`]: checked(['batches'], BATCH_CHECKED),
  [`${DB}/task-repo.ts#batchRepo.getByName`]: checked(['batches'], PROJECT_CHECKED),
  [`${DB}/task-repo.ts#batchRepo.setStatus`]: checked(['batches'], BATCH_CHECKED),
  [`${DB}/task-repo.ts#batchRepo.statusCounts`]: checked(['tasks'], BATCH_CHECKED),
  [`${DB}/task-repo.ts#batchRepo.hasPendingTasks`]: checked(['tasks'], BATCH_CHECKED),
  [`${DB}/tenancy-repos.ts#projectRepo.isMember`]: checked(['project_members'], PROJECT_CHECKED),
  [`${DB}/tenancy-repos.ts#ontologyRepo.get`]: checked(
    ['ontology_versions'],
    `${PROJECT_CHECKED}, or a task's project_id`,
  ),
  [`${DB}/tenancy-repos.ts#ontologyRepo.updateDraft`]: checked(['ontology_versions'], PROJECT_CHECKED),
  [`${DB}/tenancy-repos.ts#ontologyRepo.latest`]: checked(['ontology_versions'], PROJECT_CHECKED),
  [`${DB}/tenancy-repos.ts#ontologyRepo.list`]: checked(['ontology_versions'], PROJECT_CHECKED),

  // apps/server: authentication runs before the tenant is known; background jobs work across tenants.
  'apps/server/src/auth/api-key-store.ts#createApiKeyStore.findByHash': system(
    ['api_keys'],
    'authentication: the key (its SHA-256) is what names the organization',
  ),
  'apps/server/src/auth/session-store.ts#createSessionStore.findActive': system(
    ['sessions', 'users'],
    'authentication: the session token (its SHA-256) is what names the organization',
  ),
  'apps/server/src/auth/user-store.ts#createUserStore.findLoginCandidates': system(
    ['users', 'user_credentials'],
    'login by email before the organization is known (one account must match, else the login fails)',
  ),
  'apps/server/src/idempotency/idempotency-store.ts#createIdempotencyStore.purge': system(
    ['idempotency_keys'],
    "the purge job deletes every organization's expired keys",
  ),
  'apps/server/src/ml-backends/backend-store.ts#backendStore.getForCallback': system(
    ['ml_backends'],
    "an inbound model callback names its backend by id; the row's secrets verify the signature, and the row's org_id scopes everything after",
  ),
  'apps/server/src/ml-backends/received-callbacks.ts#receivedCallbacks.purge': system(
    ['ml_backend_callbacks'],
    "the purge job deletes every organization's expired callback ids",
  ),
  'apps/server/src/quotas/quota-ledger.ts#createQuotaLedger.reserve.release': checked(
    ['quota_reservations'],
    'deletes the reservation this reserve() call inserted for the organization (its id never leaves the server)',
  ),
  'apps/server/src/routes/system-routes.ts#registerSystemRoutes': system(
    ['projects', 'tasks'],
    "GET /metrics is the operator's (bearer token or loopback only): queue depth of every project",
  ),
  'apps/server/src/webhooks/delivery-store.ts#deliveryStore.getById': system(
    ['webhook_deliveries'],
    'the delivery job loads the delivery named in its payload; the row carries its org_id',
  ),
  'apps/server/src/webhooks/delivery-store.ts#deliveryStore.update': system(
    ['webhook_deliveries'],
    'the delivery job records its attempt on the row it loaded (fenced by version)',
  ),
  'apps/server/src/webhooks/endpoint-store.ts#endpointStore.getById': system(
    ['webhook_endpoints'],
    'the delivery job loads the endpoint of the delivery row it holds',
  ),
  'apps/server/src/webhooks/endpoint-store.ts#endpointStore.recordSuccess': system(
    ['webhook_endpoints'],
    'the delivery job, on its endpoint',
  ),
  'apps/server/src/webhooks/endpoint-store.ts#endpointStore.recordFailedAttempt': system(
    ['webhook_endpoints'],
    'the delivery job, on its endpoint',
  ),
  'apps/server/src/webhooks/endpoint-store.ts#endpointStore.recordDeadDelivery': system(
    ['webhook_endpoints'],
    'the delivery job, on its endpoint',
  ),
  'apps/server/src/webhooks/endpoint-store.ts#endpointStore.disable': system(
    ['webhook_endpoints'],
    'the delivery job, on its endpoint (410 or failing too long)',
  ),
  'apps/server/src/webhooks/outbox-fanout.ts#readPending': system(
    ['outbox'],
    "the fan-out job reads every organization's undispatched outbox rows (each carries its org_id)",
  ),
  'apps/server/src/webhooks/outbox-fanout.ts#createOutboxFanout.commit': system(
    ['outbox'],
    'the fan-out job marks the rows it read as dispatched',
  ),
  'apps/server/src/webhooks/outbox-fanout.ts#tasksWithCallback': system(
    ['tasks'],
    'the fan-out job asks which tasks of the events it read have a callback URL (one flag per task id, no row data)',
  ),

  // apps/cli: the operator's command line, with the database in hand.
  'apps/cli/src/commands/init.ts#initialize': system(
    ['orgs'],
    '`tessera init` looks up the organization it creates by name',
  ),
  'apps/cli/src/demo/demo-accounts.ts#ensureOrg': system(
    ['orgs'],
    '`tessera demo` finds or creates its demo organization',
  ),
  'apps/cli/src/io/tessera-context.ts#resolveOrg': system(
    ['orgs'],
    'the local CLI picks the organization it acts for',
  ),
};

/** `file#function` → what its unresolved SQL parts are, and why they cannot drop or widen a tenant filter. */
export const UNRESOLVED_SQL: Readonly<Record<string, string>> = {
  'packages/db/src/migrator.ts#migrate':
    "each statement of MIGRATIONS: DDL, and 0011's one-time copy of every idempotency record into the rebuilt table",
  'packages/db/src/postgres-client.ts#poolExecutor':
    'the SqlClient implementation: runs the SQL of SqlExecutor.all/run/defer/deferOne, each checked at its own call site',
  'packages/db/src/pg-rows.ts#queryRows':
    'the SqlClient implementation under transactions (BEGIN and COMMIT included) and asyncCommit (see poolExecutor)',
  'packages/db/src/sqlite-client.ts#executor.all': 'the SqlClient implementation (see poolExecutor)',
  'packages/db/src/sqlite-client.ts#executor.run': 'the SqlClient implementation (see poolExecutor)',
  'packages/db/src/sqlite-client.ts#executor.defer': 'the SqlClient implementation (see poolExecutor)',
  'packages/db/src/sqlite-client.ts#executor.deferOne': 'the SqlClient implementation (see poolExecutor)',
  'packages/db/src/sqlite-client.ts#openSqlite.direct.all': 'the SqlClient implementation (see poolExecutor)',
  'packages/db/src/sqlite-client.ts#openSqlite.direct.run': 'the SqlClient implementation (see poolExecutor)',
  'packages/db/src/sqlite-client.ts#openSqlite.direct.defer':
    'the SqlClient implementation (see poolExecutor)',
  'packages/db/src/sqlite-client.ts#openSqlite.direct.deferOne':
    'the SqlClient implementation (see poolExecutor)',
  'packages/db/src/repos/task-repo.ts#taskRepo.update':
    'the SET list: "col = ?" for each TaskPatch key present, names taken from the constant PATCH_COLUMNS',
  'packages/db/src/repos/task-repo.ts#taskRepo.patch': 'the SET list (see taskRepo.update)',
  'packages/db/src/repos/task-repo.ts#taskRepo.patchHeld': 'the SET list (see taskRepo.update)',
  'packages/db/src/queue-vacuum.ts#vacuumQueueTables':
    'VACUUM of a table named by the constant QUEUE_TABLES (filtered against it): maintenance, no row is read or written',
};

/**
 * SQL literals that are no statement of their own, by file and how the literal starts: a client wraps a
 * statement that T5 checks at its own call site.
 */
export const WRAPPER_SQL: readonly {
  readonly file: string;
  readonly starts: string;
  readonly reason: string;
}[] = [
  {
    file: 'packages/db/src/pg-statements.ts',
    starts: 'WITH changed AS (',
    reason:
      "exactlyOneRowSql: deferOne's row count check around the caller's write, checked at the deferOne call",
  },
];
