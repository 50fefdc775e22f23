import Type from 'typebox';
import { JsonObject } from '../common';
import { Tags } from '../task';
import { TaskInput } from '../task-input';
import { PageQuery, page, route } from './contract';
import { FinalLabelDto, TaskDto } from './resources';

const TaskParams = Type.Object({ task_id: Type.String({ minLength: 1, maxLength: 128 }) });

/** Where a new task goes: the project (id or name) and optionally a batch (id or name). */
const Target = {
  project: Type.String({ minLength: 1, maxLength: 128 }),
  batch: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
};
const { type: _type, ...taskFields } = TaskInput.properties;

export const TaskCreateBody = Type.Object(
  { ...TaskInput.properties, ...Target },
  { additionalProperties: false },
);
export const TypedTaskCreateBody = Type.Object({ ...taskFields, ...Target }, { additionalProperties: false });

const Csv = Type.Union([
  Type.String({ maxLength: 4096 }),
  Type.Array(Type.String({ maxLength: 1024 }), { maxItems: 100 }),
]);
export const TaskListQuery = Type.Object({
  project: Type.Optional(Type.String({ maxLength: 128 })),
  batch: Type.Optional(Type.String({ maxLength: 128 })),
  status: Type.Optional(
    Type.Union([
      Type.Literal('pending'),
      Type.Literal('completed'),
      Type.Literal('canceled'),
      Type.Literal('error'),
    ]),
  ),
  type: Type.Optional(Type.String({ maxLength: 64 })),
  unique_id: Type.Optional(Csv),
  created_after: Type.Optional(Type.String({ format: 'date-time' })),
  created_before: Type.Optional(Type.String({ format: 'date-time' })),
  updated_after: Type.Optional(Type.String({ format: 'date-time' })),
  updated_before: Type.Optional(Type.String({ format: 'date-time' })),
  completed_after: Type.Optional(Type.String({ format: 'date-time' })),
  completed_before: Type.Optional(Type.String({ format: 'date-time' })),
  ...PageQuery,
  /** Scale's offset pagination (drop-in compatibility); prefer next_token. */
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  include_total: Type.Optional(Type.Boolean()),
});

export const BulkLineResult = Type.Object({
  line: Type.Integer(),
  outcome: Type.Union([Type.Literal('created'), Type.Literal('duplicate'), Type.Literal('invalid')]),
  task_id: Type.Optional(Type.String()),
  existing_task_id: Type.Optional(Type.String()),
  errors: Type.Optional(
    Type.Array(Type.Object({ pointer: Type.String(), message: Type.String(), code: Type.String() })),
  ),
});

export const taskRoutes = {
  createTask: route({
    operationId: 'createTask',
    method: 'POST',
    path: '/v1/tasks',
    tag: 'tasks',
    summary: 'Create a task (type in the body)',
    body: TaskCreateBody,
    response: TaskDto,
    scope: 'tasks:write',
    objectIds: ['project', 'batch'],
  }),
  createTypedTask: route({
    operationId: 'createTypedTask',
    method: 'POST',
    path: '/v1/task/:type',
    tag: 'tasks',
    summary: 'Create a task (Scale v1 shape)',
    params: Type.Object({ type: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' }) }),
    body: TypedTaskCreateBody,
    response: TaskDto,
    scope: 'tasks:write',
    objectIds: ['project', 'batch'],
  }),
  getTask: route({
    operationId: 'getTask',
    method: 'GET',
    path: '/v1/task/:task_id',
    tag: 'tasks',
    summary: 'Get a task',
    params: TaskParams,
    response: TaskDto,
    scope: 'tasks:read',
    objectIds: ['task_id'],
  }),
  listTasks: route({
    operationId: 'listTasks',
    method: 'GET',
    path: '/v1/tasks',
    tag: 'tasks',
    summary: 'List tasks (cursor or offset pagination)',
    query: TaskListQuery,
    response: page(TaskDto),
    scope: 'tasks:read',
    objectIds: ['project', 'batch'],
  }),
  cancelTask: route({
    operationId: 'cancelTask',
    method: 'POST',
    path: '/v1/task/:task_id/cancel',
    tag: 'tasks',
    summary: 'Cancel before work started',
    params: TaskParams,
    query: Type.Object({ clear_unique_id: Type.Optional(Type.Boolean()) }),
    response: TaskDto,
    scope: 'tasks:write',
    objectIds: ['task_id'],
  }),
  setTaskTags: route({
    operationId: 'setTaskTags',
    method: 'POST',
    path: '/v1/task/:task_id/tags',
    tag: 'tasks',
    summary: "Replace a task's tags",
    params: TaskParams,
    body: Type.Object({ tags: Tags }, { additionalProperties: false }),
    response: TaskDto,
    scope: 'tasks:write',
    objectIds: ['task_id'],
  }),
  setTaskMetadata: route({
    operationId: 'setTaskMetadata',
    method: 'POST',
    path: '/v1/task/:task_id/metadata',
    tag: 'tasks',
    summary: "Replace a task's metadata",
    params: TaskParams,
    body: Type.Object({ metadata: JsonObject }, { additionalProperties: false }),
    response: TaskDto,
    scope: 'tasks:write',
    objectIds: ['task_id'],
  }),
  taskLabels: route({
    operationId: 'taskLabels',
    method: 'GET',
    path: '/v1/task/:task_id/labels',
    tag: 'results',
    summary: 'Every final-label revision of a task',
    params: TaskParams,
    response: Type.Object({ docs: Type.Array(FinalLabelDto) }),
    scope: 'results:read',
    objectIds: ['task_id'],
  }),
  bulkCreateTasks: route({
    operationId: 'bulkCreateTasks',
    method: 'POST',
    path: '/v1/tasks/bulk',
    tag: 'tasks',
    summary: 'Create tasks from an NDJSON stream (one task per line); per-line results',
    query: Type.Object(Target),
    response: Type.Object({
      created: Type.Integer(),
      duplicates: Type.Integer(),
      invalid: Type.Integer(),
      results: Type.Array(BulkLineResult),
    }),
    scope: 'tasks:write',
    objectIds: ['project', 'batch'],
  }),
} as const;
