import type { AttributeDef, GeometryKind, OntologyClass, OntologyDefinition } from '@tessera/schema';

/** One attribute definition plus its enum options as a set (null for non-enum attributes). */
export interface AttributeRule {
  readonly def: AttributeDef;
  readonly options: ReadonlySet<string> | null;
}

/** The attributes of a class (or the global attributes), looked up by id. */
export interface AttributeIndex {
  readonly list: readonly AttributeRule[];
  readonly byId: ReadonlyMap<string, AttributeRule>;
}

export interface ClassInfo {
  readonly def: OntologyClass;
  readonly geometries: ReadonlySet<GeometryKind>;
  readonly attributes: AttributeIndex;
  /** `allow_overlap === true`; absent means false. */
  readonly allowOverlap: boolean;
}

/** Lookup tables over an ontology definition, so validating a payload costs O(labels), not O(labels × ontology). */
export interface OntologyIndex {
  readonly classes: ReadonlyMap<string, ClassInfo>;
  readonly globalAttributes: AttributeIndex;
}

const cache = new WeakMap<OntologyDefinition, OntologyIndex>();

/**
 * Indexes an ontology, memoised per definition object (definitions are immutable values). When an id is
 * duplicated (an invalid ontology), the first definition wins.
 */
export function indexOntology(ontology: OntologyDefinition): OntologyIndex {
  const cached = cache.get(ontology);
  if (cached !== undefined) return cached;
  const classes = new Map<string, ClassInfo>();
  for (const def of ontology.classes) {
    if (classes.has(def.id)) continue;
    classes.set(def.id, {
      def,
      geometries: new Set(def.geometries),
      attributes: indexAttributes(def.attributes),
      allowOverlap: def.allow_overlap === true,
    });
  }
  const index: OntologyIndex = { classes, globalAttributes: indexAttributes(ontology.global_attributes) };
  cache.set(ontology, index);
  return index;
}

export function indexAttributes(defs: readonly AttributeDef[]): AttributeIndex {
  const byId = new Map<string, AttributeRule>();
  for (const def of defs) {
    if (byId.has(def.id)) continue;
    byId.set(def.id, { def, options: def.type === 'enum' ? new Set(def.options) : null });
  }
  return { list: [...byId.values()], byId };
}
