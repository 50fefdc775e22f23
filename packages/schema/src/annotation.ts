import Type from 'typebox';
import { EpochMs, Id, JsonObject, Nullable } from './common';
import { OntologyKey } from './ontology';
import { createValidator } from './validator';

/** Version of the annotation payload shape below; stored with every annotation. */
export const ANNOTATION_SCHEMA_VERSION = 1;

const finite = Type.Number();
export const AttributeValues = Type.Record(
  Type.String(),
  Type.Union([Type.String({ maxLength: 10_000 }), Type.Number(), Type.Boolean()]),
);
export type AttributeValues = Type.Static<typeof AttributeValues>;

export const BoxGeometry = Type.Object(
  {
    type: Type.Literal('box'),
    x: finite,
    y: finite,
    w: Type.Number({ minimum: 0 }),
    h: Type.Number({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export const PolygonGeometry = Type.Object(
  {
    type: Type.Literal('polygon'),
    points: Type.Array(Type.Object({ x: finite, y: finite }, { additionalProperties: false }), {
      minItems: 3,
      maxItems: 10_000,
    }),
  },
  { additionalProperties: false },
);
export const PointGeometry = Type.Object(
  { type: Type.Literal('point'), x: finite, y: finite },
  { additionalProperties: false },
);
export const Geometry = Type.Union([BoxGeometry, PolygonGeometry, PointGeometry]);
export type Geometry = Type.Static<typeof Geometry>;

/** A spatial object on an image (or a video frame): one geometry, one class, its attributes. */
export const LabeledObject = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    class_id: OntologyKey,
    geometry: Geometry,
    attributes: AttributeValues,
  },
  { additionalProperties: false },
);
export type LabeledObject = Type.Static<typeof LabeledObject>;

/** A half-open [start, end) range of UTF-16 code units of the task's text. */
export const LabeledSpan = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    class_id: OntologyKey,
    start: Type.Integer({ minimum: 0 }),
    end: Type.Integer({ minimum: 0 }),
    attributes: AttributeValues,
  },
  { additionalProperties: false },
);
export type LabeledSpan = Type.Static<typeof LabeledSpan>;

export const Classification = Type.Object(
  { class_id: OntologyKey, attributes: AttributeValues },
  { additionalProperties: false },
);
export type Classification = Type.Static<typeof Classification>;

/** What an annotator submits for one task: whole-item classes, spatial objects, text spans, global attributes. */
export const AnnotationPayload = Type.Object(
  {
    classifications: Type.Array(Classification, { maxItems: 1000 }),
    objects: Type.Array(LabeledObject, { maxItems: 20_000 }),
    spans: Type.Array(LabeledSpan, { maxItems: 20_000 }),
    attributes: AttributeValues,
  },
  { additionalProperties: false },
);
export type AnnotationPayload = Type.Static<typeof AnnotationPayload>;
export const annotationPayloadValidator = createValidator(AnnotationPayload);

export const EMPTY_PAYLOAD: AnnotationPayload = {
  classifications: [],
  objects: [],
  spans: [],
  attributes: {},
};

export const ANNOTATION_KINDS = ['label', 'gold_attempt', 'review_fix'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** An immutable record of one annotator's (or reviewer's fix) work on a task. */
export const Annotation = Type.Object(
  {
    id: Id,
    org_id: Id,
    project_id: Id,
    task_id: Id,
    assignment_id: Nullable(Id),
    author_id: Id,
    kind: Type.Enum(ANNOTATION_KINDS),
    payload: AnnotationPayload,
    ontology_version: Type.Integer({ minimum: 1 }),
    schema_version: Type.Integer({ minimum: 1 }),
    /** Seconds the annotator spent, as reported by the client (optional). */
    duration_ms: Nullable(Type.Integer({ minimum: 0 })),
    created_at: EpochMs,
  },
  { additionalProperties: false },
);
export type Annotation = Type.Static<typeof Annotation>;

/** The task's aggregated answer; every change is a new revision, old revisions are kept. */
export const FinalLabel = Type.Object(
  {
    org_id: Id,
    project_id: Id,
    task_id: Id,
    revision: Type.Integer({ minimum: 1 }),
    payload: AnnotationPayload,
    /** Agreement of the consensus annotations in [0, 1]; null for a single annotation or a review fix. */
    agreement: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
    source: Type.Union([Type.Literal('consensus'), Type.Literal('review_fix'), Type.Literal('migration')]),
    ontology_version: Type.Integer({ minimum: 1 }),
    details: JsonObject,
    created_at: EpochMs,
  },
  { additionalProperties: false },
);
export type FinalLabel = Type.Static<typeof FinalLabel>;
