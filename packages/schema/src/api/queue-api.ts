import Type from 'typebox';
import { AnnotationPayload } from '../annotation';
import { route } from './contract';
import { EventDto, LeaseDto, TaskDto } from './resources';

const LeaseQuery = {
  project: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
};

const LeaseRef = {
  task_id: Type.String({ minLength: 1, maxLength: 128 }),
  token: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), // an INTEGER column
};

export const queueRoutes = {
  leaseTasks: route({
    operationId: 'leaseTasks',
    method: 'POST',
    path: '/v1/queue/lease',
    tag: 'queue',
    summary: 'Lease the next task(s) for the calling annotator (k > 1 to prefetch)',
    body: Type.Object(LeaseQuery, { additionalProperties: false }),
    response: Type.Object({ leases: Type.Array(LeaseDto) }),
    scope: 'annotate',
    objectIds: ['project'],
  }),
  heartbeat: route({
    operationId: 'heartbeat',
    method: 'POST',
    path: '/v1/queue/heartbeat',
    tag: 'queue',
    summary: 'Extend a live lease',
    body: Type.Object(LeaseRef, { additionalProperties: false }),
    response: Type.Object({ expires_at: Type.String() }),
    scope: 'annotate',
    objectIds: ['task_id'],
  }),
  submitAnnotation: route({
    operationId: 'submitAnnotation',
    method: 'POST',
    path: '/v1/queue/submit',
    tag: 'queue',
    summary:
      'Submit an annotation under a lease (same token twice returns the first result, so a retry needs no ' +
      'Idempotency-Key); with `lease_next`, lease the next task(s) in the same transaction and answer them in ' +
      '`leases` (a repeat answers the ones the first made that are still live)',
    body: Type.Object(
      {
        ...LeaseRef,
        annotations: AnnotationPayload,
        duration_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
        /** Lease the next task(s) like POST /v1/queue/lease, committed with this submit. */
        lease_next: Type.Optional(Type.Object(LeaseQuery, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
    response: Type.Object({
      annotation_id: Type.String(),
      replayed: Type.Boolean(),
      task: TaskDto,
      /** Present when `lease_next` was sent: the next leases (empty when nothing is waiting). */
      leases: Type.Optional(Type.Array(LeaseDto)),
    }),
    scope: 'annotate',
    objectIds: ['task_id'],
    repeatSafe: true,
  }),
  releaseLease: route({
    operationId: 'releaseLease',
    method: 'POST',
    path: '/v1/queue/release',
    tag: 'queue',
    summary: 'Give a lease back (release, skip, error)',
    body: Type.Object(
      {
        ...LeaseRef,
        reason: Type.Optional(
          Type.Union([Type.Literal('release'), Type.Literal('skip'), Type.Literal('error')]),
        ),
        error: Type.Optional(Type.String({ maxLength: 2000 })),
      },
      { additionalProperties: false },
    ),
    response: Type.Object({}),
    scope: 'annotate',
    objectIds: ['task_id'],
  }),
  reviewQueue: route({
    operationId: 'reviewQueue',
    method: 'GET',
    path: '/v1/projects/:project/review-queue',
    tag: 'review',
    summary: 'Tasks waiting for review',
    params: Type.Object({ project: Type.String({ minLength: 1, maxLength: 128 }) }),
    query: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }),
    response: Type.Object({ docs: Type.Array(TaskDto) }),
    scope: 'review',
    objectIds: ['project'],
  }),
  reviewTask: route({
    operationId: 'reviewTask',
    method: 'POST',
    path: '/v1/task/:task_id/review',
    tag: 'review',
    summary: 'Accept, fix (a new revision) or reject (back to the queue) a task in review',
    params: Type.Object({ task_id: Type.String({ minLength: 1, maxLength: 128 }) }),
    body: Type.Object(
      {
        action: Type.Union([Type.Literal('accept'), Type.Literal('fix'), Type.Literal('reject')]),
        comment: Type.Optional(Type.String({ maxLength: 10_000 })),
        annotations: Type.Optional(AnnotationPayload),
      },
      { additionalProperties: false },
    ),
    response: TaskDto,
    scope: 'review',
    objectIds: ['task_id'],
  }),
  listEvents: route({
    operationId: 'listEvents',
    method: 'GET',
    path: '/v1/events',
    tag: 'events',
    summary: 'The event feed, oldest first after a sequence number',
    query: Type.Object({
      after: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
      project: Type.Optional(Type.String({ maxLength: 128 })),
      task_id: Type.Optional(Type.String({ maxLength: 128 })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    }),
    response: Type.Object({ docs: Type.Array(EventDto), next_after: Type.Integer() }),
    scope: 'results:read',
    objectIds: ['project', 'task_id'],
  }),
} as const;
