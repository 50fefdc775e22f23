import type { TesseraClient } from '@tessera/client';
import type { OntologyDefinition } from '@tessera/schema';
import { createOntologyVersions } from '../../label/ontology-versions';

export type OntologyLoader = (version: number) => Promise<OntologyDefinition>;

/** The project's published ontology versions, fetched once each (the label page's cache). */
export function createOntologyLoader(client: TesseraClient, project: string): OntologyLoader {
  const versions = createOntologyVersions((version) =>
    client.getOntologyVersion({ project, version }).then((v) => v.definition),
  );
  return (version) => versions.get(version);
}
