import type { OntologyDefinition } from '@tessera/schema';
import { createBoundedCache } from './bounded-cache';
import type { Tx } from './ports';

const EMPTY: OntologyDefinition = { classes: [], global_attributes: [], guidelines: '' };

/**
 * Published ontology versions never change, so each process keeps them once parsed: validating a submit
 * then costs no query and no JSON parse. Drafts are never cached.
 */
export function createOntologyCache(limit = 1000) {
  const cache = createBoundedCache<OntologyDefinition>(limit);
  return {
    /** The definition a task's annotations are validated against (empty when the version is missing). */
    async definition(tx: Tx, projectId: string, version: number): Promise<OntologyDefinition> {
      const key = `${projectId}@${version}`;
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const found = await tx.ontologies.get(projectId, version);
      if (found === undefined) return EMPTY;
      if (found.published) cache.set(key, found.definition);
      return found.definition;
    },
  };
}
export type OntologyCache = ReturnType<typeof createOntologyCache>;
