import Type from 'typebox';
import { EpochMs, Id, JsonObject, Nullable, Slug } from './common';
import { createValidator } from './validator';

export const MEDIA_TYPES = ['image', 'video', 'pointcloud', 'text', 'document', 'conversation'] as const;
export const MediaType = Type.Enum(MEDIA_TYPES);
export type MediaType = (typeof MEDIA_TYPES)[number];

/** A piece of data to label: an asset URI or an uploaded blob, with its size and content hash. */
export const Item = Type.Object(
  {
    id: Id,
    org_id: Id,
    uri: Nullable(Type.String({ minLength: 1, maxLength: 4096 })),
    blob_key: Nullable(Type.String({ minLength: 1, maxLength: 1024 })),
    media_type: MediaType,
    width: Nullable(Type.Integer({ minimum: 1 })),
    height: Nullable(Type.Integer({ minimum: 1 })),
    /** Text length in UTF-16 code units, video frames, points, or pages; null when unknown. */
    length: Nullable(Type.Integer({ minimum: 0 })),
    /** Inline text for text tasks (spans are offsets into it). */
    text: Nullable(Type.String({ maxLength: 10_000_000 })),
    metadata: JsonObject,
    content_hash: Nullable(Type.String({ maxLength: 128 })),
    created_at: EpochMs,
  },
  { additionalProperties: false },
);
export type Item = Type.Static<typeof Item>;
export const itemValidator = createValidator(Item);

export const BATCH_STATUSES = ['staging', 'in_progress', 'completed', 'paused', 'canceled'] as const;
export const BatchStatus = Type.Enum(BATCH_STATUSES);
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** Allowed batch transitions (Scale v2): finalize, pause, resume, complete, cancel. */
export const BATCH_TRANSITIONS: Readonly<Record<BatchStatus, readonly BatchStatus[]>> = {
  staging: ['in_progress', 'canceled'],
  in_progress: ['paused', 'completed', 'canceled'],
  paused: ['in_progress', 'canceled'],
  completed: [],
  canceled: [],
};

export const Batch = Type.Object(
  {
    id: Id,
    org_id: Id,
    project_id: Id,
    name: Slug,
    status: BatchStatus,
    callback_url: Nullable(Type.String({ maxLength: 2048 })),
    created_at: EpochMs,
    updated_at: EpochMs,
  },
  { additionalProperties: false },
);
export type Batch = Type.Static<typeof Batch>;
