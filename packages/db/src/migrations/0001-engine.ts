import type { Dialect } from '../sql-client';
import { columnTypes, type Migration } from './column-types';

function tables(d: Dialect): string[] {
  const t = columnTypes(d);
  return [
    `CREATE TABLE orgs (id ${t.id} PRIMARY KEY, name ${t.text} NOT NULL, created_at ${t.big} NOT NULL)`,
    `CREATE TABLE users (id ${t.id} PRIMARY KEY, org_id ${t.id} NOT NULL REFERENCES orgs(id), email ${t.text} NOT NULL,
      name ${t.text} NOT NULL, role ${t.text} NOT NULL, created_at ${t.big} NOT NULL, UNIQUE (org_id, email))`,
    `CREATE TABLE projects (id ${t.id} PRIMARY KEY, org_id ${t.id} NOT NULL REFERENCES orgs(id), name ${t.text} NOT NULL,
      title ${t.text} NOT NULL, modality ${t.text} NOT NULL, workflow ${t.json} NOT NULL, ontology_version ${t.int} NOT NULL,
      created_at ${t.big} NOT NULL, updated_at ${t.big} NOT NULL, UNIQUE (org_id, name))`,
    `CREATE TABLE project_members (project_id ${t.id} NOT NULL REFERENCES projects(id), user_id ${t.id} NOT NULL REFERENCES users(id),
      org_id ${t.id} NOT NULL, PRIMARY KEY (project_id, user_id))`,
    'CREATE INDEX project_members_user ON project_members (user_id)',
    `CREATE TABLE ontology_versions (project_id ${t.id} NOT NULL REFERENCES projects(id), version ${t.int} NOT NULL,
      org_id ${t.id} NOT NULL, definition ${t.json} NOT NULL, migration ${t.json} NOT NULL, published ${t.bool} NOT NULL,
      created_at ${t.big} NOT NULL, published_at ${t.big}, PRIMARY KEY (project_id, version))`,
    `CREATE TABLE items (id ${t.id} PRIMARY KEY, org_id ${t.id} NOT NULL REFERENCES orgs(id), uri ${t.text}, blob_key ${t.text},
      media_type ${t.text} NOT NULL, width ${t.int}, height ${t.int}, length ${t.big}, text ${t.text}, metadata ${t.json} NOT NULL,
      content_hash ${t.text}, created_at ${t.big} NOT NULL)`,
    `CREATE TABLE batches (id ${t.id} PRIMARY KEY, org_id ${t.id} NOT NULL, project_id ${t.id} NOT NULL REFERENCES projects(id),
      name ${t.text} NOT NULL, status ${t.text} NOT NULL, callback_url ${t.text}, created_at ${t.big} NOT NULL,
      updated_at ${t.big} NOT NULL, UNIQUE (project_id, name))`,
  ];
}

function taskTables(d: Dialect): string[] {
  const t = columnTypes(d);
  return [
    `CREATE TABLE tasks (id ${t.id} PRIMARY KEY, org_id ${t.id} NOT NULL, project_id ${t.id} NOT NULL REFERENCES projects(id),
      batch_id ${t.id} REFERENCES batches(id), item_id ${t.id} REFERENCES items(id), type ${t.text} NOT NULL, unique_id ${t.text},
      status ${t.text} NOT NULL, stage ${t.text} NOT NULL, priority ${t.int} NOT NULL, deadline ${t.big},
      deadline_key ${t.big} NOT NULL, ontology_version ${t.int} NOT NULL, instruction ${t.text} NOT NULL, params ${t.json} NOT NULL,
      metadata ${t.json} NOT NULL, tags ${t.json} NOT NULL, callback_url ${t.text}, callback_succeeded ${t.bool},
      is_gold ${t.bool} NOT NULL, expected_response ${t.json}, annotations_needed ${t.int} NOT NULL,
      annotations_done ${t.int} NOT NULL, leases_active ${t.int} NOT NULL, lease_seq ${t.int} NOT NULL,
      failed_attempts ${t.int} NOT NULL, last_error ${t.text}, final_revision ${t.int} NOT NULL, created_at ${t.big} NOT NULL,
      updated_at ${t.big} NOT NULL, completed_at ${t.big})`,
    // The lease index matches the lease ORDER BY exactly and holds only leasable rows (performance.md rule 1).
    `CREATE INDEX tasks_lease ON tasks (project_id, priority DESC, deadline_key, created_at, id) WHERE stage = 'queued'`,
    `CREATE INDEX tasks_gold ON tasks (project_id, created_at, id) WHERE stage = 'gold'`,
    `CREATE INDEX tasks_review ON tasks (project_id, created_at, id) WHERE stage = 'review'`,
    'CREATE UNIQUE INDEX tasks_unique_id ON tasks (org_id, unique_id) WHERE unique_id IS NOT NULL',
    'CREATE INDEX tasks_org_created ON tasks (org_id, created_at, id)',
    'CREATE INDEX tasks_project_created ON tasks (project_id, created_at, id)',
    'CREATE INDEX tasks_batch_status ON tasks (batch_id, status)',
    `CREATE TABLE assignments (id ${t.id} PRIMARY KEY, org_id ${t.id} NOT NULL, project_id ${t.id} NOT NULL,
      task_id ${t.id} NOT NULL REFERENCES tasks(id), annotator_id ${t.id} NOT NULL REFERENCES users(id), token ${t.int} NOT NULL,
      status ${t.text} NOT NULL, is_gold ${t.bool} NOT NULL, leased_at ${t.big} NOT NULL, heartbeat_at ${t.big} NOT NULL,
      expires_at ${t.big} NOT NULL, ended_at ${t.big}, annotation_id ${t.id}, UNIQUE (task_id, token))`,
    'CREATE INDEX assignments_task_annotator ON assignments (task_id, annotator_id)',
    `CREATE INDEX assignments_expiry ON assignments (expires_at) WHERE status = 'active'`,
    `CREATE INDEX assignments_project_expiry ON assignments (project_id, expires_at) WHERE status = 'active'`,
  ];
}

function labelTables(d: Dialect): string[] {
  const t = columnTypes(d);
  return [
    `CREATE TABLE annotations (id ${t.id} PRIMARY KEY, org_id ${t.id} NOT NULL, project_id ${t.id} NOT NULL,
      task_id ${t.id} NOT NULL REFERENCES tasks(id), assignment_id ${t.id}, author_id ${t.id} NOT NULL, kind ${t.text} NOT NULL,
      payload ${t.json} NOT NULL, ontology_version ${t.int} NOT NULL, schema_version ${t.int} NOT NULL, duration_ms ${t.big},
      created_at ${t.big} NOT NULL)`,
    'CREATE INDEX annotations_task ON annotations (task_id, created_at)',
    `CREATE TABLE reviews (id ${t.id} PRIMARY KEY, org_id ${t.id} NOT NULL, project_id ${t.id} NOT NULL,
      task_id ${t.id} NOT NULL REFERENCES tasks(id), reviewer_id ${t.id} NOT NULL, action ${t.text} NOT NULL,
      comment ${t.text} NOT NULL, annotation_id ${t.id}, final_revision ${t.int}, created_at ${t.big} NOT NULL)`,
    'CREATE INDEX reviews_task ON reviews (task_id, created_at)',
    `CREATE TABLE final_labels (task_id ${t.id} NOT NULL REFERENCES tasks(id), revision ${t.int} NOT NULL, org_id ${t.id} NOT NULL,
      project_id ${t.id} NOT NULL, payload ${t.json} NOT NULL, agreement ${t.real}, source ${t.text} NOT NULL,
      ontology_version ${t.int} NOT NULL, details ${t.json} NOT NULL, created_at ${t.big} NOT NULL, PRIMARY KEY (task_id, revision))`,
    'CREATE INDEX final_labels_project ON final_labels (project_id, task_id)',
    `CREATE TABLE gold_scores (id ${t.id} PRIMARY KEY, org_id ${t.id} NOT NULL, project_id ${t.id} NOT NULL,
      task_id ${t.id} NOT NULL REFERENCES tasks(id), annotator_id ${t.id} NOT NULL, annotation_id ${t.id} NOT NULL,
      accuracy ${t.real} NOT NULL, mean_iou ${t.real}, created_at ${t.big} NOT NULL)`,
    'CREATE INDEX gold_scores_project ON gold_scores (project_id, annotator_id)',
    `CREATE TABLE events (seq ${t.serialKey}, id ${t.id} NOT NULL UNIQUE, org_id ${t.id} NOT NULL, project_id ${t.id},
      task_id ${t.id}, type ${t.text} NOT NULL, actor_id ${t.id}, data ${t.json} NOT NULL, created_at ${t.big} NOT NULL)`,
    'CREATE INDEX events_org ON events (org_id, seq)',
    'CREATE INDEX events_task ON events (task_id, seq)',
    `CREATE TABLE outbox (seq ${t.serialKey}, id ${t.id} NOT NULL UNIQUE, org_id ${t.id} NOT NULL, event_id ${t.id} NOT NULL,
      event_type ${t.text} NOT NULL, task_id ${t.id}, payload ${t.json} NOT NULL, created_at ${t.big} NOT NULL,
      dispatched_at ${t.big})`,
    'CREATE INDEX outbox_pending ON outbox (seq) WHERE dispatched_at IS NULL',
    'CREATE INDEX outbox_task ON outbox (task_id)',
  ];
}

/** The labeling engine's tables: tenants, projects, ontologies, items, batches, the queue, labels, events. */
export const engineMigration: Migration = {
  name: '0001-engine',
  statements: (d) => [...tables(d), ...taskTables(d), ...labelTables(d)],
};
