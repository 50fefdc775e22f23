import type { Route } from '@tessera/schema';
import * as schema from '@tessera/schema';

/**
 * How an operation takes its body: `json` (the contract's body schema), `none` (no body schema; bodies are
 * still sent, garbage included), `ndjson` (the bulk task stream), `bytes` (raw uploads: images, zips) or
 * `multipart` (multipart/form-data image parts).
 */
export type BodyKind = 'json' | 'none' | 'ndjson' | 'bytes' | 'multipart';

/**
 * One entry per operation of the OpenAPI document. The fuzz test fails when an operation has no entry, or
 * when an entry says `json` for a route without a body schema (or the other way round), so a new route is
 * fuzzed from the day it is added.
 */
export const F4_TARGETS: Readonly<Record<string, BodyKind>> = {
  // projects and ontologies
  createProject: 'json',
  listProjects: 'none',
  getProject: 'none',
  updateWorkflow: 'json',
  addMember: 'json',
  listMembers: 'none',
  createOntologyDraft: 'json',
  listOntologyVersions: 'none',
  getOntologyVersion: 'none',
  updateOntologyDraft: 'json',
  publishOntologyVersion: 'none',
  diffOntologyVersions: 'none',
  applyOntologyMigration: 'none',
  // batches
  createBatch: 'json',
  listBatches: 'none',
  getBatch: 'none',
  batchStatus: 'none',
  finalizeBatch: 'none',
  pauseBatch: 'none',
  resumeBatch: 'none',
  cancelBatch: 'none',
  // tasks
  createTask: 'json',
  createTypedTask: 'json',
  getTask: 'none',
  listTasks: 'none',
  cancelTask: 'none',
  setTaskTags: 'json',
  setTaskMetadata: 'json',
  taskLabels: 'none',
  bulkCreateTasks: 'ndjson',
  // queue and review
  leaseTasks: 'json',
  heartbeat: 'json',
  submitAnnotation: 'json',
  releaseLease: 'json',
  reviewQueue: 'none',
  reviewTask: 'json',
  taskAnnotations: 'none',
  listEvents: 'none',
  // statistics
  getProjectStats: 'none',
  listMyWork: 'none',
  // results
  exportProject: 'none',
  // uploads
  uploadAsset: 'bytes',
  uploadAssets: 'multipart',
  uploadAssetArchive: 'bytes',
  // webhooks
  createWebhook: 'json',
  listWebhooks: 'none',
  getWebhook: 'none',
  disableWebhook: 'none',
  enableWebhook: 'none',
  rotateWebhookSecret: 'none',
  listWebhookDeliveries: 'none',
  listCallbackDeliveries: 'none',
  replayWebhookDelivery: 'none',
  rotateCallbackSecret: 'none',
  // ML backends (the callback's body is raw bytes until its signature verified: no body schema, fuzzed as bytes)
  createMlBackend: 'json',
  listMlBackends: 'none',
  deleteMlBackend: 'none',
  rotateMlBackendSecret: 'none',
  receiveMlBackendCallback: 'bytes',
  listTaskPredictions: 'none',
  // keys, users, sessions
  createApiKey: 'json',
  listApiKeys: 'none',
  revokeApiKey: 'none',
  createUser: 'json',
  listUsers: 'none',
  setPassword: 'json',
  login: 'json',
  logout: 'none',
  whoAmI: 'none',
};

const isRoute = (value: unknown): value is Route =>
  typeof value === 'object' &&
  value !== null &&
  'operationId' in value &&
  'path' in value &&
  'scope' in value;

/** Every route of the contract: each exported `…Routes` group of the schema package, so a new group is covered. */
export const CONTRACT_ROUTES: ReadonlyMap<string, Route> = new Map(
  Object.entries(schema)
    .filter(([name]) => name.endsWith('Routes'))
    .flatMap(([, group]) => Object.values(group as object).filter(isRoute))
    .map((r) => [r.operationId, r]),
);

export interface Operation {
  readonly operationId: string;
  readonly method: string;
  /** OpenAPI path (`/v1/task/{task_id}`). */
  readonly path: string;
}

/** Every operation of a generated OpenAPI document. */
export function openApiOperations(doc: unknown): Operation[] {
  const paths = (doc as { paths?: Record<string, Record<string, { operationId?: string }>> }).paths ?? {};
  return Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      operationId: op.operationId ?? `${method} ${path}`,
    })),
  );
}

/** Problems with the target table against a document's operations: each one a sentence; none is a pass. */
export function targetTableProblems(operations: readonly Operation[]): string[] {
  const problems: string[] = [];
  for (const op of operations) {
    const kind = F4_TARGETS[op.operationId];
    const route = CONTRACT_ROUTES.get(op.operationId);
    if (kind === undefined) problems.push(`${op.operationId} has no fuzz target in F4_TARGETS`);
    if (route === undefined) problems.push(`${op.operationId} is not a route of the schema contract`);
    if (kind === undefined || route === undefined) continue;
    if ((kind === 'json') !== (route.body !== undefined))
      problems.push(
        `${op.operationId} is '${kind}' here but the contract ${route.body ? 'has' : 'has no'} body`,
      );
  }
  return problems;
}
