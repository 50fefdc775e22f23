import type { OntologyDefinition, TaskDto } from '@tessera/schema';

/**
 * The ontology version a task was created under. The task DTO carries it as `taxonomy_version`
 * (`<project>@<version>`); `fallback` (the project's current version) is used when that is absent or unreadable.
 */
export function pinnedVersion(task: Pick<TaskDto, 'taxonomy_version'>, fallback: number): number {
  const match = /@(\d+)$/.exec(task.taxonomy_version);
  const version = match === null ? Number.NaN : Number(match[1]);
  return Number.isSafeInteger(version) && version >= 1 ? version : fallback;
}

export interface OntologyVersions {
  /** The definition of a version, fetched once; a failed fetch is forgotten so the next call retries. */
  get(version: number): Promise<OntologyDefinition>;
  /** The definition when it has already arrived (render without waiting). */
  peek(version: number): OntologyDefinition | undefined;
}

/** Ontology definitions per version: published versions never change, so each is fetched once per page. */
export function createOntologyVersions(
  fetch: (version: number) => Promise<OntologyDefinition>,
): OntologyVersions {
  const requests = new Map<number, Promise<OntologyDefinition>>();
  const ready = new Map<number, OntologyDefinition>();
  return {
    get(version) {
      const known = requests.get(version);
      if (known !== undefined) return known;
      const request = fetch(version).then(
        (definition) => {
          ready.set(version, definition);
          return definition;
        },
        (error: unknown) => {
          requests.delete(version);
          throw error;
        },
      );
      requests.set(version, request);
      return request;
    },
    peek: (version) => ready.get(version),
  };
}

/** The ontology of a task: its pinned version, or the project's current one when the task does not say. */
export interface TaskOntologies {
  get(task: Pick<TaskDto, 'taxonomy_version'>): Promise<OntologyDefinition>;
  peek(task: Pick<TaskDto, 'taxonomy_version'>): OntologyDefinition | undefined;
}

export function createTaskOntologies(
  versions: OntologyVersions,
  projectVersion: () => Promise<number>,
): TaskOntologies {
  let fallback: Promise<number> | null = null;
  let known: number | null = null;
  const current = (): Promise<number> => {
    fallback ??= projectVersion().then(
      (v) => {
        known = v;
        return v;
      },
      (error: unknown) => {
        fallback = null;
        throw error;
      },
    );
    return fallback;
  };
  return {
    async get(task) {
      const pinned = pinnedVersion(task, Number.NaN);
      return versions.get(Number.isNaN(pinned) ? await current() : pinned);
    },
    peek(task) {
      const version = pinnedVersion(task, known ?? Number.NaN);
      return Number.isNaN(version) ? undefined : versions.peek(version);
    },
  };
}
