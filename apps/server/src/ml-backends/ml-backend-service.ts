import { type Clock, type Engine, type IdGenerator, NotFoundError } from '@tessera/core';
import type { SqlClient } from '@tessera/db';
import type { SecretBox } from '../webhooks/secret-box';
import { generateWebhookSecret } from '../webhooks/webhook-signer';
import { type BackendRecord, backendStore } from './backend-store';

export interface MlBackendServiceDeps {
  readonly sql: SqlClient;
  readonly engine: Engine;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The box that seals webhook endpoint secrets (same key, same cipher). */
  readonly box: SecretBox;
  /** How long a rotated-out secret keeps verifying (the webhooks' rotation overlap, 24 h by default). */
  readonly rotationOverlapMs: number;
}

/** A backend together with its plaintext secret: only ever returned by create and rotate. */
export interface BackendWithSecret {
  readonly backend: BackendRecord;
  readonly secret: string;
}

/** Associated data binding each sealed secret to its backend, so ciphertexts cannot be swapped between rows. */
const sealContext = (backendId: string) => `ml_backend:${backendId}`;

/** ML backend management; every lookup is scoped to the caller's organization (another's is a 404). */
export function createMlBackendService(deps: MlBackendServiceDeps) {
  const { sql, engine, clock, box } = deps;

  async function get(orgId: string, id: string): Promise<BackendRecord> {
    const backend = await backendStore.get(sql, orgId, id);
    if (backend === undefined) throw new NotFoundError('ML backend', id);
    return backend;
  }

  return {
    async create(orgId: string, input: { project: string; name: string }): Promise<BackendWithSecret> {
      const project = await engine.projects.resolveProject(orgId, input.project);
      const now = clock.now();
      const id = deps.ids.next('mlb');
      const secret = generateWebhookSecret();
      const backend: BackendRecord = {
        id,
        orgId,
        projectId: project.id,
        name: input.name,
        secret: box.seal(secret, sealContext(id)),
        previousSecret: null,
        previousSecretExpiresAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await sql.transaction((tx) => backendStore.insert(tx, backend));
      return { backend, secret };
    },
    /** A project reference (id or name) as a project id; 404 for another organization's project. */
    async projectId(orgId: string, ref: string): Promise<string> {
      return (await engine.projects.resolveProject(orgId, ref)).id;
    },
    list(
      orgId: string,
      projectId: string | undefined,
      after: { createdAt: number; id: string } | undefined,
      limit: number,
    ): Promise<BackendRecord[]> {
      return backendStore.list(sql, orgId, projectId, after, limit);
    },
    async remove(orgId: string, id: string): Promise<void> {
      const done = await sql.transaction((tx) => backendStore.softDelete(tx, orgId, id, clock.now()));
      if (!done) throw new NotFoundError('ML backend', id);
    },
    async rotate(orgId: string, id: string): Promise<BackendWithSecret> {
      const current = await get(orgId, id);
      const now = clock.now();
      const secret = generateWebhookSecret();
      const sealed = {
        secret: box.seal(secret, sealContext(id)),
        previous: current.secret,
        previousExpiresAt: now + deps.rotationOverlapMs,
      };
      const done = await sql.transaction((tx) => backendStore.rotate(tx, orgId, id, sealed, now));
      if (!done) throw new NotFoundError('ML backend', id);
      return { backend: await get(orgId, id), secret };
    },
    /** The plaintext secrets a callback may be signed with: the current one, and the previous one while it overlaps. */
    secretsOf(backend: BackendRecord, now: number): string[] {
      const context = sealContext(backend.id);
      const secrets = [box.open(backend.secret, context)];
      const { previousSecret, previousSecretExpiresAt } = backend;
      if (previousSecret !== null && previousSecretExpiresAt !== null && previousSecretExpiresAt > now) {
        secrets.push(box.open(previousSecret, context));
      }
      return secrets;
    },
  };
}
export type MlBackendService = ReturnType<typeof createMlBackendService>;
