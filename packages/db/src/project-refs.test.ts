import { NotFoundError } from '@tessera/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixture, type EngineFixture } from './testing/engine-fixture';
import { testDatabases } from './testing/test-databases';

describe.each(testDatabases())('project references on $dialect', (db) => {
  let f: EngineFixture;
  afterEach(async () => f?.dispose());

  it('resolves a name or an id to the id, only inside its organization, and remembers it', async () => {
    f = await createFixture(db);
    const { projects } = f.engine;
    expect(await projects.resolveProjectId(f.orgId, f.project.name)).toBe(f.project.id);
    expect(await projects.resolveProjectId(f.orgId, f.project.id)).toBe(f.project.id);
    const other = await f.engine.orgs.createOrganization('Other');
    await expect(projects.resolveProjectId(other.id, f.project.name)).rejects.toBeInstanceOf(NotFoundError);
    await expect(projects.resolveProjectId(other.id, f.project.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(projects.resolveProjectId(f.orgId, 'nope')).rejects.toBeInstanceOf(NotFoundError);
    // Remembered per process: the second answer reads no project row (the table is gone).
    await f.client.run('ALTER TABLE projects RENAME TO projects_gone');
    expect(await projects.resolveProjectId(f.orgId, f.project.name)).toBe(f.project.id);
  });
});
