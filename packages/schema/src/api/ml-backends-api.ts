import Type, { type Static } from 'typebox';
import { AnnotationPayload } from '../annotation';
import { Nullable } from '../common';
import { NullableTimestamp, PageQuery, page, route, Timestamp } from './contract';

/** Most predictions one callback may carry (a bigger batch is sent as several callbacks). */
export const MAX_PREDICTIONS_PER_CALLBACK = 1_000;

/** Largest difference between `webhook-timestamp` and the server's clock (Standard Webhooks: 5 min). */
export const CALLBACK_TOLERANCE_SECONDS = 300;

/** A model backend of one project: it posts predictions back to its callback path, signed with its secret. */
export const MlBackendDto = Type.Object({
  backend_id: Type.String(),
  project_id: Type.String(),
  name: Type.String(),
  /** Where the backend posts its signed callbacks (relative to the API's base URL). */
  callback_path: Type.String(),
  /** While a rotation overlaps, callbacks signed with the old secret verify too until this time. */
  previous_secret_expires_at: NullableTimestamp,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type MlBackendDto = Static<typeof MlBackendDto>;

/** Returned once, on creation and rotation: the only time the signing secret (`whsec_…`) is shown. */
export const MlBackendWithSecretDto = Type.Object({
  ...MlBackendDto.properties,
  secret: Type.String(),
});
export type MlBackendWithSecretDto = Static<typeof MlBackendWithSecretDto>;

export const MlBackendCreateBody = Type.Object(
  {
    /** The project (id or name) whose tasks the backend may write predictions for. */
    project: Type.String({ minLength: 1, maxLength: 128 }),
    name: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const MlBackendDeletedDto = Type.Object({
  backend_id: Type.String(),
  deleted: Type.Boolean(),
});

/** One model output for one task of the backend's project. */
export const PredictionInput = Type.Object(
  {
    task_id: Type.String({ minLength: 1, maxLength: 128 }),
    model_version: Type.String({ minLength: 1, maxLength: 128 }),
    /** Validated against the task's ontology version like a submitted annotation. */
    payload: AnnotationPayload,
    /** The model's own score (confidence, uncertainty): stored as sent. */
    score: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);

/**
 * The body of `POST /v1/ml-backends/:backend_id/callbacks`: JSON, read only after its Standard Webhooks
 * signature verified. All predictions are stored or none.
 */
export const MlCallbackBody = Type.Object(
  {
    predictions: Type.Array(PredictionInput, { minItems: 1, maxItems: MAX_PREDICTIONS_PER_CALLBACK }),
  },
  { additionalProperties: false },
);
export type MlCallbackBody = Static<typeof MlCallbackBody>;

export const MlCallbackResultDto = Type.Object({
  webhook_id: Type.String(),
  /** True when this `webhook-id` was already applied for this backend: nothing was stored this time. */
  replay: Type.Boolean(),
  /** Predictions stored under this `webhook-id` (by the first delivery, for a replay). */
  predictions: Type.Integer(),
});
export type MlCallbackResultDto = Static<typeof MlCallbackResultDto>;

export const PredictionDto = Type.Object({
  prediction_id: Type.String(),
  task_id: Type.String(),
  backend_id: Type.String(),
  model_version: Type.String(),
  payload: AnnotationPayload,
  score: Nullable(Type.Number()),
  /** The task's ontology version the payload was validated against. */
  ontology_version: Type.Integer(),
  /** The callback's `webhook-id`. */
  webhook_id: Type.String(),
  created_at: Timestamp,
});
export type PredictionDto = Static<typeof PredictionDto>;

const BackendParams = Type.Object({ backend_id: Type.String({ minLength: 1, maxLength: 128 }) });

/** The OpenAPI description of the callback route (the server attaches it; routes carry no description field). */
export const ML_CALLBACK_DESCRIPTION = [
  'Called by the ML backend, not by an API client: it carries no API key and is authenticated by its',
  'Standard Webhooks signature (`webhook-id`, `webhook-timestamp`, `webhook-signature`: `v1,` + base64',
  'HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{raw body}` under the backend secret; several',
  'space-separated signatures may be sent, one matching is enough). The raw body (`application/json`, at',
  'most the JSON body limit) is verified before it is parsed: a wrong signature, an unknown or deleted',
  'backend is 401 `invalid_signature`; a timestamp more than 300 s from the server clock is 401',
  '`timestamp_out_of_tolerance`. Then the JSON is read and validated:',
  '`{"predictions": [{"task_id", "model_version", "payload": <annotation payload>, "score"?}]}` (1 to 1,000;',
  'unknown fields are 400); each payload is checked against its task ontology version like a submit (400',
  'with pointers). A task that is not in the backend project (unknown, or of another project or organization)',
  'is 422 `unknown_task` naming its `pointer`. All predictions are stored or none; a refused callback',
  'records nothing, so its `webhook-id` may be sent again. A `webhook-id` already applied for this backend',
  'is not applied again: 200 with `replay: true`.',
].join(' ');

export const mlBackendRoutes = {
  createMlBackend: route({
    operationId: 'createMlBackend',
    method: 'POST',
    path: '/v1/ml-backends',
    tag: 'ml-backends',
    summary: 'Register an ML backend for a project (its signing secret is shown only in this response)',
    body: MlBackendCreateBody,
    response: MlBackendWithSecretDto,
    status: 201,
    scope: 'projects:write',
    objectIds: ['project'],
  }),
  listMlBackends: route({
    operationId: 'listMlBackends',
    method: 'GET',
    path: '/v1/ml-backends',
    tag: 'ml-backends',
    summary: 'List ML backends, oldest first (optionally of one project)',
    query: Type.Object({
      project: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
      ...PageQuery,
    }),
    response: page(MlBackendDto),
    scope: 'projects:write',
    objectIds: ['project'],
  }),
  deleteMlBackend: route({
    operationId: 'deleteMlBackend',
    method: 'DELETE',
    path: '/v1/ml-backends/:backend_id',
    tag: 'ml-backends',
    summary: 'Delete an ML backend: its secret is destroyed and its callbacks refused (predictions stay)',
    params: BackendParams,
    response: MlBackendDeletedDto,
    scope: 'projects:write',
    objectIds: ['backend_id'],
  }),
  rotateMlBackendSecret: route({
    operationId: 'rotateMlBackendSecret',
    method: 'POST',
    path: '/v1/ml-backends/:backend_id/rotate-secret',
    tag: 'ml-backends',
    summary: 'New signing secret; callbacks signed with the old one still verify for 24 h',
    params: BackendParams,
    response: MlBackendWithSecretDto,
    scope: 'projects:write',
    objectIds: ['backend_id'],
  }),
  receiveMlBackendCallback: route({
    operationId: 'receiveMlBackendCallback',
    method: 'POST',
    path: '/v1/ml-backends/:backend_id/callbacks',
    tag: 'ml-backends',
    summary: "An ML backend's predictions, signed with its secret (Standard Webhooks), not an API key",
    params: BackendParams,
    response: MlCallbackResultDto,
    scope: 'public',
  }),
  listTaskPredictions: route({
    operationId: 'listTaskPredictions',
    method: 'GET',
    path: '/v1/task/:task_id/predictions',
    tag: 'ml-backends',
    summary: "A task's predictions from ML backends, oldest first",
    params: Type.Object({ task_id: Type.String({ minLength: 1, maxLength: 128 }) }),
    query: Type.Object(PageQuery),
    response: page(PredictionDto),
    scope: 'tasks:read',
    objectIds: ['task_id'],
  }),
} as const;
