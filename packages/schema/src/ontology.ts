import Type from 'typebox';
import { Color, EpochMs, Id, Nullable } from './common';
import { createValidator } from './validator';

/** Stable identifier of a class or attribute: never reused for another meaning. */
export const OntologyKey = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
});

export const GEOMETRY_KINDS = ['box', 'polygon', 'point', 'span', 'classification'] as const;
export const GeometryKind = Type.Enum(GEOMETRY_KINDS);
export type GeometryKind = (typeof GEOMETRY_KINDS)[number];

const attributeBase = {
  id: OntologyKey,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  required: Type.Boolean(),
};

export const AttributeDef = Type.Union([
  Type.Object(
    {
      ...attributeBase,
      type: Type.Literal('enum'),
      options: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 500 }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ ...attributeBase, type: Type.Literal('boolean') }, { additionalProperties: false }),
  Type.Object(
    {
      ...attributeBase,
      type: Type.Literal('number'),
      min: Type.Optional(Type.Number()),
      max: Type.Optional(Type.Number()),
      integer: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { ...attributeBase, type: Type.Literal('text'), max_length: Type.Optional(Type.Integer({ minimum: 1 })) },
    { additionalProperties: false },
  ),
]);
export type AttributeDef = Type.Static<typeof AttributeDef>;

export const OntologyClass = Type.Object(
  {
    id: OntologyKey,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    color: Color,
    geometries: Type.Array(GeometryKind, { minItems: 1, uniqueItems: true }),
    attributes: Type.Array(AttributeDef, { maxItems: 100 }),
    /** For spans: may two spans of this class overlap? Default false. */
    allow_overlap: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type OntologyClass = Type.Static<typeof OntologyClass>;

export const OntologyDefinition = Type.Object(
  {
    classes: Type.Array(OntologyClass, { maxItems: 5000 }),
    global_attributes: Type.Array(AttributeDef, { maxItems: 100 }),
    guidelines: Type.String({ maxLength: 1_000_000 }),
  },
  { additionalProperties: false },
);
export type OntologyDefinition = Type.Static<typeof OntologyDefinition>;
export const ontologyDefinitionValidator = createValidator(OntologyDefinition);

/** Changes that rewrite existing labels when a new version is applied to a project. */
export const MigrationOp = Type.Union([
  Type.Object(
    { op: Type.Literal('rename_class'), from: OntologyKey, to: OntologyKey },
    { additionalProperties: false },
  ),
  Type.Object(
    { op: Type.Literal('merge_classes'), from: Type.Array(OntologyKey, { minItems: 1 }), into: OntologyKey },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      op: Type.Literal('split_class'),
      from: OntologyKey,
      /** The attribute whose value picks the new class. */
      attribute: OntologyKey,
      mapping: Type.Record(Type.String(), OntologyKey),
      /** Class for labels whose attribute value is missing or unmapped. */
      default: OntologyKey,
      /** Drop the attribute from the migrated labels (default true). */
      drop_attribute: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      op: Type.Literal('delete_class'),
      class_id: OntologyKey,
      /** Relabel to this class instead of removing the objects; null removes them. */
      remap_to: Nullable(OntologyKey),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      op: Type.Literal('rename_attribute'),
      /** Class whose attribute is renamed; null renames a global attribute. */
      class_id: Nullable(OntologyKey),
      from: OntologyKey,
      to: OntologyKey,
    },
    { additionalProperties: false },
  ),
]);
export type MigrationOp = Type.Static<typeof MigrationOp>;
export const Migration = Type.Array(MigrationOp, { maxItems: 1000 });
export type Migration = Type.Static<typeof Migration>;
export const migrationValidator = createValidator(Migration);

export const OntologyVersion = Type.Object(
  {
    org_id: Id,
    project_id: Id,
    version: Type.Integer({ minimum: 1 }),
    definition: OntologyDefinition,
    /** How labels made under the previous version map onto this one. */
    migration: Migration,
    /** Published versions are locked: never edited again. */
    published: Type.Boolean(),
    created_at: EpochMs,
    published_at: Nullable(EpochMs),
  },
  { additionalProperties: false },
);
export type OntologyVersion = Type.Static<typeof OntologyVersion>;
