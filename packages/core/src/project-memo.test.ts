import { DEFAULT_WORKFLOW, type Project } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import type { ProjectRepo } from './ports';
import { memoizeProjects } from './project-memo';

const project: Project = {
  id: 'prj_1',
  org_id: 'org_1',
  name: 'cars',
  title: 'Cars',
  modality: 'image',
  workflow: DEFAULT_WORKFLOW,
  ontology_version: 1,
  created_at: 0,
  updated_at: 0,
};

function repo() {
  const rows = new Map([[project.id, project]]);
  const reads: string[] = [];
  const projects: ProjectRepo = {
    insert: async (p) => void rows.set(p.id, p),
    get: async (orgId, id) => {
      reads.push(id);
      const p = rows.get(id);
      return p?.org_id === orgId ? p : undefined;
    },
    getOfTask: async (orgId, taskId) => {
      reads.push(`task:${taskId}`);
      return taskId === 'tsk_1' && orgId === project.org_id ? project : undefined;
    },
    getByName: async () => undefined,
    update: async (p) => void rows.set(p.id, p),
    list: async () => [...rows.values()],
    addMember: async () => {},
    isMember: async () => true,
    listForMember: async () => [...rows.values()],
  };
  return { tx: { projects }, reads };
}

describe('memoizeProjects', () => {
  it('reads each project once per transaction, a missing one too, per organization', async () => {
    const { tx, reads } = repo();
    const memo = memoizeProjects(tx);
    expect(await memo.projects.get('org_1', 'prj_1')).toEqual(project);
    expect(await memo.projects.get('org_1', 'prj_1')).toEqual(project);
    expect(await memo.projects.get('org_2', 'prj_1')).toBeUndefined();
    expect(await memo.projects.get('org_2', 'prj_1')).toBeUndefined();
    expect(reads).toEqual(['prj_1', 'prj_1']);
  });

  it('remembers a project read through its task for the gets after it', async () => {
    const { tx, reads } = repo();
    const memo = memoizeProjects(tx);
    expect(await memo.projects.getOfTask('org_1', 'tsk_1')).toEqual(project);
    expect(await memo.projects.get('org_1', 'prj_1')).toEqual(project);
    expect(await memo.projects.getOfTask('org_1', 'tsk_2')).toBeUndefined();
    expect(reads).toEqual(['task:tsk_1', 'task:tsk_2']);
  });

  it('shares a read that is still on its way', async () => {
    const { tx, reads } = repo();
    const memo = memoizeProjects(tx);
    const [a, b] = await Promise.all([
      memo.projects.get('org_1', 'prj_1'),
      memo.projects.get('org_1', 'prj_1'),
    ]);
    expect(a).toEqual(project);
    expect(b).toBe(a);
    expect(reads).toEqual(['prj_1']);
  });

  it('answers with what the transaction itself updated', async () => {
    const { tx, reads } = repo();
    const memo = memoizeProjects(tx);
    await memo.projects.get('org_1', 'prj_1');
    await memo.projects.update({ ...project, title: 'Cars v2' });
    expect((await memo.projects.get('org_1', 'prj_1'))?.title).toBe('Cars v2');
    expect(reads).toEqual(['prj_1']);
  });
});
