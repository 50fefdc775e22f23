import type { OntologyRepo, OrgRepo, ProjectRepo, UserRepo } from '@tessera/core';
import type { SqlExecutor } from '../sql-client';
import { b, j, toOntology, toProject, toUser } from './rows';

export function orgRepo(db: SqlExecutor): OrgRepo {
  return {
    async insert(o) {
      await db.run('INSERT INTO orgs (id, name, created_at) VALUES (?, ?, ?)', [o.id, o.name, o.created_at]);
    },
    async get(id) {
      const [r] = await db.all('SELECT * FROM orgs WHERE id = ?', [id]);
      return r === undefined
        ? undefined
        : { id: String(r.id), name: String(r.name), created_at: Number(r.created_at) };
    },
  };
}

export function userRepo(db: SqlExecutor): UserRepo {
  return {
    async insert(u) {
      await db.run(
        'INSERT INTO users (id, org_id, email, name, role, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        [u.id, u.org_id, u.email, u.name, u.role, u.created_at],
      );
    },
    async get(orgId, id) {
      const [r] = await db.all('SELECT * FROM users WHERE id = ? AND org_id = ?', [id, orgId]);
      return r === undefined ? undefined : toUser(r);
    },
  };
}

const PROJECT_COLS = 'id, org_id, name, title, modality, workflow, ontology_version, created_at, updated_at';

export function projectRepo(db: SqlExecutor): ProjectRepo {
  return {
    async insert(p) {
      await db.run(`INSERT INTO projects (${PROJECT_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        p.id,
        p.org_id,
        p.name,
        p.title,
        p.modality,
        j(p.workflow),
        p.ontology_version,
        p.created_at,
        p.updated_at,
      ]);
    },
    async get(orgId, id) {
      const [r] = await db.all('SELECT * FROM projects WHERE id = ? AND org_id = ?', [id, orgId]);
      return r === undefined ? undefined : toProject(r);
    },
    async getOfTask(orgId, taskId) {
      const [r] = await db.all(
        'SELECT * FROM projects WHERE org_id = ? AND id = (SELECT project_id FROM tasks WHERE id = ? AND org_id = ?)',
        [orgId, taskId, orgId],
      );
      return r === undefined ? undefined : toProject(r);
    },
    async getByName(orgId, name) {
      const [r] = await db.all('SELECT * FROM projects WHERE org_id = ? AND name = ?', [orgId, name]);
      return r === undefined ? undefined : toProject(r);
    },
    async update(p) {
      await db.run(
        'UPDATE projects SET title = ?, workflow = ?, ontology_version = ?, updated_at = ? WHERE id = ? AND org_id = ?',
        [p.title, j(p.workflow), p.ontology_version, p.updated_at, p.id, p.org_id],
      );
    },
    async list(orgId) {
      return (await db.all('SELECT * FROM projects WHERE org_id = ? ORDER BY created_at, id', [orgId])).map(
        toProject,
      );
    },
    async addMember(orgId, projectId, userId) {
      await db.run(
        'INSERT INTO project_members (project_id, user_id, org_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        [projectId, userId, orgId],
      );
    },
    async isMember(projectId, userId) {
      const rows = await db.all('SELECT 1 AS x FROM project_members WHERE project_id = ? AND user_id = ?', [
        projectId,
        userId,
      ]);
      return rows.length > 0;
    },
    async listForMember(orgId, userId) {
      const rows = await db.all(
        `SELECT p.* FROM projects p JOIN project_members m ON m.project_id = p.id
         WHERE m.user_id = ? AND p.org_id = ? ORDER BY p.created_at, p.id`,
        [userId, orgId],
      );
      return rows.map(toProject).sort((a, b2) => b2.workflow.priority - a.workflow.priority);
    },
  };
}

export function ontologyRepo(db: SqlExecutor): OntologyRepo {
  return {
    async insert(v) {
      await db.run(
        `INSERT INTO ontology_versions (project_id, version, org_id, definition, migration, published, created_at, published_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          v.project_id,
          v.version,
          v.org_id,
          j(v.definition),
          j(v.migration),
          b(v.published),
          v.created_at,
          v.published_at,
        ],
      );
    },
    async get(projectId, version) {
      const [r] = await db.all('SELECT * FROM ontology_versions WHERE project_id = ? AND version = ?', [
        projectId,
        version,
      ]);
      return r === undefined ? undefined : toOntology(r);
    },
    async updateDraft(v) {
      const changed = await db.run(
        `UPDATE ontology_versions SET definition = ?, migration = ?, published = ?, published_at = ?
         WHERE project_id = ? AND version = ? AND published = 0`,
        [j(v.definition), j(v.migration), b(v.published), v.published_at, v.project_id, v.version],
      );
      return changed === 1;
    },
    async latest(projectId) {
      const [r] = await db.all(
        'SELECT * FROM ontology_versions WHERE project_id = ? ORDER BY version DESC LIMIT 1',
        [projectId],
      );
      return r === undefined ? undefined : toOntology(r);
    },
    async list(projectId) {
      return (
        await db.all('SELECT * FROM ontology_versions WHERE project_id = ? ORDER BY version', [projectId])
      ).map(toOntology);
    },
  };
}
