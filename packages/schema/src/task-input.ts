import Type from 'typebox';
import { AnnotationPayload } from './annotation';
import { JsonObject, Nullable } from './common';
import { MediaType } from './item';
import { Tags } from './task';
import { createValidator } from './validator';

/** Cap on a task's `metadata` bag, serialised as JSON (api-conventions §2). */
export const METADATA_MAX_BYTES = 16 * 1024;

/** The data a task is about, given inline with the task. */
export const ItemInput = Type.Object(
  {
    uri: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
    media_type: MediaType,
    width: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    height: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    length: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
    text: Type.Optional(Type.String({ maxLength: 10_000_000 })),
    metadata: Type.Optional(JsonObject),
    content_hash: Type.Optional(Type.String({ maxLength: 128 })),
  },
  { additionalProperties: false },
);
export type ItemInput = Type.Static<typeof ItemInput>;

/** A task as a customer creates it (Scale's public fields plus Tessera's). */
export const TaskInput = Type.Object(
  {
    type: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' }),
    unique_id: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 1024 }))),
    instruction: Type.Optional(Type.String({ maxLength: 100_000 })),
    params: Type.Optional(JsonObject),
    metadata: Type.Optional(JsonObject),
    tags: Type.Optional(Tags),
    priority: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 })),
    deadline: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }))),
    callback_url: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 2048 }))),
    /** Makes this a gold (evaluation) task: annotators' answers are scored against it. */
    expected_response: Type.Optional(AnnotationPayload),
    item: Type.Optional(ItemInput),
  },
  { additionalProperties: false },
);
export type TaskInput = Type.Static<typeof TaskInput>;
export const taskInputValidator = createValidator(TaskInput);
