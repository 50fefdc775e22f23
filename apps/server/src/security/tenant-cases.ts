/** Tenant A's objects that another tenant will try to reach. */
export interface TenantObjects {
  readonly projectId: string;
  readonly projectName: string;
  readonly batchId: string;
  readonly batchName: string;
  readonly taskId: string;
  readonly userId: string;
  readonly adminUserId: string;
  readonly keyId: string;
  /** A webhook endpoint of tenant A, and one of its deliveries. */
  readonly webhookEndpointId: string;
  readonly webhookDeliveryId: string;
  /** An ML backend of tenant A's project. */
  readonly mlBackendId: string;
}

export interface CrossTenantRequest {
  readonly url: string;
  readonly body?: unknown;
  readonly contentType?: string;
}

type Case = ((o: TenantObjects, path: string) => CrossTenantRequest) | null;

/** Fills `{param}` placeholders of an OpenAPI path. */
export function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(values[name] ?? `missing-${name}`),
  );
}

const byProject = (o: TenantObjects, path: string) => fill(path, { project: o.projectId, version: '1' });
const byBatch = (o: TenantObjects, path: string) => fill(path, { batch: o.batchId });
const byTask = (o: TenantObjects, path: string) => fill(path, { task_id: o.taskId });
const box = { classifications: [], objects: [], spans: [], attributes: {} };

/**
 * One entry per operation of the OpenAPI document: how to aim it at tenant A's objects, or null for an
 * operation that names no object (lists and creates scoped to the caller, public routes). The matrix test
 * fails when an operation has no entry, so every new route must be classified here.
 */
export const TENANT_CASES: Readonly<Record<string, Case>> = {
  // projects and ontologies
  createProject: null,
  listProjects: null,
  getProject: (o, p) => ({ url: byProject(o, p) }),
  updateWorkflow: (o, p) => ({ url: byProject(o, p), body: { priority: 5 } }),
  addMember: (o, p) => ({ url: byProject(o, p), body: { user_id: o.userId } }),
  listMembers: (o, p) => ({ url: byProject(o, p) }),
  createOntologyDraft: (o, p) => ({
    url: byProject(o, p),
    body: { definition: { classes: [], global_attributes: [], guidelines: '' } },
  }),
  listOntologyVersions: (o, p) => ({ url: byProject(o, p) }),
  getOntologyVersion: (o, p) => ({ url: byProject(o, p) }),
  updateOntologyDraft: (o, p) => ({
    url: byProject(o, p),
    body: { definition: { classes: [], global_attributes: [], guidelines: '' } },
  }),
  publishOntologyVersion: (o, p) => ({ url: byProject(o, p) }),
  diffOntologyVersions: (o, p) => ({ url: byProject(o, p) }),
  applyOntologyMigration: (o, p) => ({ url: byProject(o, p) }),
  reviewQueue: (o, p) => ({ url: byProject(o, p) }),
  // batches
  createBatch: (o) => ({ url: '/v1/batches', body: { project: o.projectId, name: 'intruder' } }),
  listBatches: (o) => ({ url: `/v1/batches?project=${o.projectId}` }),
  getBatch: (o, p) => ({ url: byBatch(o, p) }),
  batchStatus: (o, p) => ({ url: byBatch(o, p) }),
  finalizeBatch: (o, p) => ({ url: byBatch(o, p) }),
  pauseBatch: (o, p) => ({ url: byBatch(o, p) }),
  resumeBatch: (o, p) => ({ url: byBatch(o, p) }),
  cancelBatch: (o, p) => ({ url: byBatch(o, p) }),
  // tasks
  createTask: (o) => ({ url: '/v1/tasks', body: { project: o.projectId, type: 'imageannotation' } }),
  createTypedTask: (o, p) => ({
    url: fill(p, { type: 'imageannotation' }),
    body: { project: o.projectName },
  }),
  getTask: (o, p) => ({ url: byTask(o, p) }),
  listTasks: (o) => ({ url: `/v1/tasks?project=${o.projectId}` }),
  cancelTask: (o, p) => ({ url: byTask(o, p) }),
  setTaskTags: (o, p) => ({ url: byTask(o, p), body: { tags: ['x'] } }),
  setTaskMetadata: (o, p) => ({ url: byTask(o, p), body: { metadata: {} } }),
  taskLabels: (o, p) => ({ url: byTask(o, p) }),
  bulkCreateTasks: (o) => ({
    url: `/v1/tasks/bulk?project=${o.projectId}`,
    body: '{"type":"imageannotation"}\n',
    contentType: 'application/x-ndjson',
  }),
  // queue and review
  leaseTasks: (o) => ({ url: '/v1/queue/lease', body: { project: o.projectId } }),
  heartbeat: (o) => ({ url: '/v1/queue/heartbeat', body: { task_id: o.taskId, token: 1 } }),
  submitAnnotation: (o) => ({
    url: '/v1/queue/submit',
    body: { task_id: o.taskId, token: 1, annotations: box },
  }),
  releaseLease: (o) => ({ url: '/v1/queue/release', body: { task_id: o.taskId, token: 1 } }),
  reviewTask: (o, p) => ({ url: byTask(o, p), body: { action: 'accept' } }),
  taskAnnotations: (o, p) => ({ url: byTask(o, p) }),
  listEvents: (o) => ({ url: `/v1/events?task_id=${o.taskId}` }),
  // statistics
  getProjectStats: (o, p) => ({ url: byProject(o, p) }),
  listMyWork: null,
  // results export
  exportProject: (o, p) => ({ url: byProject(o, p) }),
  // uploads: content-addressed files that name no object of an organization
  uploadAsset: null,
  uploadAssets: null,
  uploadAssetArchive: null,
  // webhooks
  createWebhook: null,
  listWebhooks: null,
  rotateCallbackSecret: null,
  getWebhook: (o, p) => ({ url: fill(p, { endpoint_id: o.webhookEndpointId }) }),
  disableWebhook: (o, p) => ({ url: fill(p, { endpoint_id: o.webhookEndpointId }) }),
  enableWebhook: (o, p) => ({ url: fill(p, { endpoint_id: o.webhookEndpointId }) }),
  rotateWebhookSecret: (o, p) => ({ url: fill(p, { endpoint_id: o.webhookEndpointId }) }),
  listWebhookDeliveries: (o, p) => ({ url: fill(p, { endpoint_id: o.webhookEndpointId }) }),
  listCallbackDeliveries: (o) => ({ url: `/v1/webhooks/callback/deliveries?task_id=${o.taskId}` }),
  replayWebhookDelivery: (o, p) => ({ url: fill(p, { delivery_id: o.webhookDeliveryId }) }),
  // ML backends. The callback route takes no API key: it is authenticated by the backend's Standard
  // Webhooks signature, so another organization's key gets 401 there, never A's data. That a foreign
  // backend's secret, or a task of another organization, cannot write is w4-inbound-callbacks.test.ts.
  createMlBackend: (o) => ({ url: '/v1/ml-backends', body: { project: o.projectId, name: 'intruder' } }),
  listMlBackends: (o) => ({ url: `/v1/ml-backends?project=${o.projectId}` }),
  deleteMlBackend: (o, p) => ({ url: fill(p, { backend_id: o.mlBackendId }) }),
  rotateMlBackendSecret: (o, p) => ({ url: fill(p, { backend_id: o.mlBackendId }) }),
  receiveMlBackendCallback: null,
  listTaskPredictions: (o, p) => ({ url: byTask(o, p) }),
  // keys, users, sessions
  createApiKey: (o) => ({
    url: '/v1/keys',
    body: { name: 'intruder', scopes: ['tasks:read'], user_id: o.userId },
  }),
  listApiKeys: null,
  revokeApiKey: (o, p) => ({ url: fill(p, { key_id: o.keyId }) }),
  createUser: null,
  listUsers: null,
  setPassword: (o, p) => ({ url: fill(p, { user_id: o.userId }), body: { password: 'intruder password 1' } }),
  login: null,
  logout: null,
  whoAmI: null,
};
