import { gunzipSync } from 'node:zlib';
import { copyTasksSql, integerSeries, type SqlClient, TEST_ONTOLOGY } from '@tessera/db';
import type { ExportRecord } from '@tessera/schema';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { installErrorHandling } from '../http/error-handler';
import { installValidators } from '../http/validators';
import { type ExportRouteOptions, registerExportRoutes } from '../routes/export-routes';
import { markedBox } from '../testing/marked-box';
import type { TestApp, TestTenant } from '../testing/test-app';

export interface ExportProject {
  readonly tenant: TestTenant;
  readonly projectId: string;
  readonly project: string;
  /** Tasks completed (in completion order) and still open. */
  readonly completed: readonly string[];
  readonly open: readonly string[];
  readonly batchId: string;
}

export interface SeedOptions {
  readonly completed: number;
  /** Tasks left open (never exported). */
  readonly open?: number;
  /** Completions that share one completed_at (the clock moves 1 s after each group). */
  readonly tiesEvery?: number;
  /** Every other task goes into batch `b1`. */
  readonly name?: string;
}

/**
 * A project with `completed` tasks labeled through the engine (k = 1, each with its own marked box, so every
 * final label differs), groups of `tiesEvery` sharing a completion time, every other task in batch `b1`, and
 * `open` tasks never labeled.
 */
export async function seedExportProject(t: TestApp, options: SeedOptions): Promise<ExportProject> {
  const { engine } = t.ctx;
  const tenant = await t.tenant();
  const name = options.name ?? 'export-cars';
  const project = await engine.projects.createProject(tenant.orgId, null, { name, modality: 'image' });
  const draft = await engine.ontologies.createDraft(tenant.orgId, project.id, TEST_ONTOLOGY);
  await engine.ontologies.publish(tenant.orgId, project.id, draft.version);
  const batch = await engine.batches.createBatch(tenant.orgId, project.id, 'b1');
  const annotator = await tenant.user('annotator');
  await engine.projects.addMember(tenant.orgId, project.id, annotator.userId);
  const total = options.completed + (options.open ?? 0);
  const ids: string[] = [];
  for (let i = 0; i < total; i++) {
    const input = { type: 'imageannotation', item: { media_type: 'image', width: 100, height: 100 } };
    const [r] = await engine.tasks.createTasks(tenant.orgId, project.id, [input], {
      ...(i % 2 === 0 ? { batchId: batch.id } : {}),
    });
    if (r?.outcome !== 'created') throw new Error('seed: task not created');
    ids.push(r.task.id);
  }
  await engine.batches.transition(tenant.orgId, batch.id, 'finalize');
  const completed: string[] = [];
  const ties = options.tiesEvery ?? 1;
  while (completed.length < options.completed) {
    const [lease] = await engine.queue.lease({
      orgId: tenant.orgId,
      annotatorId: annotator.userId,
      projectId: project.id,
    });
    if (lease === undefined) throw new Error('seed: nothing to lease');
    await engine.queue.submit({
      orgId: tenant.orgId,
      annotatorId: annotator.userId,
      taskId: lease.task.id,
      token: lease.token,
      payload: markedBox(completed.length),
    });
    completed.push(lease.task.id);
    if (completed.length % ties === 0) t.clock.advance(1000);
  }
  const done = new Set(completed);
  return {
    tenant,
    projectId: project.id,
    project: name,
    completed,
    open: ids.filter((id) => !done.has(id)),
    batchId: batch.id,
  };
}

/**
 * Copies a completed task `count` times with set-based SQL (INSERT … SELECT over a recursive CTE or
 * generate_series, like bench/harness/backlog-seed.ts): new ids `tsk_x<9 digits>`, `perMs` copies per
 * completion millisecond from `startMs`, and a final label whose object id names the copy (`o<i>`).
 */
export async function cloneCompletedTask(
  client: SqlClient,
  templateId: string,
  count: number,
  options: { readonly startMs: number; readonly perMs: number; readonly chunk?: number },
): Promise<void> {
  const pg = client.dialect === 'postgres';
  const [template] = await client.all('SELECT id FROM tasks WHERE id = ?', [templateId]);
  if (template === undefined) throw new Error(`no task ${templateId}`);
  const series = integerSeries(client.dialect);
  const id = pg ? `'tsk_x' || lpad(s.i::text, 9, '0')` : `'tsk_x' || printf('%09d', s.i)`;
  const at = `${Math.trunc(options.startMs)} + s.i / ${Math.trunc(options.perMs)}`;
  const tasksSql = copyTasksSql(
    client.dialect,
    { id, created_at: at, updated_at: at, completed_at: at },
    't.id = ?',
  );
  const labelsSql =
    'INSERT INTO final_labels (task_id, revision, org_id, project_id, payload, agreement, source, ontology_version, details, created_at) ' +
    `SELECT ${id}, f.revision, f.org_id, f.project_id, replace(f.payload, '"o1"', '"o' || s.i || '"'), f.agreement, f.source, f.ontology_version, f.details, ${at} ` +
    `FROM ${series} CROSS JOIN final_labels f WHERE f.task_id = ?`;
  const step = options.chunk ?? 50_000;
  for (let from = 0; from < count; from += step) {
    const to = Math.min(count, from + step) - 1;
    await client.transaction(async (tx) => {
      await tx.run(tasksSql, [from, to, templateId]);
      await tx.run(labelsSql, [from, to, templateId]);
    });
  }
}

/** Parses an NDJSON body (gunzipped when `gzip`); every line must end with `\n`. */
export function parseExport(body: Buffer, gzip = false): ExportRecord[] {
  const text = (gzip ? gunzipSync(body) : body).toString('utf8');
  if (text !== '' && !text.endsWith('\n')) throw new Error('the export does not end with a newline');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ExportRecord);
}

/**
 * A bare app with only the export route (same context, same database) and a chosen page size or observer:
 * credentials come from the context's authenticators, errors leave through the shared handler.
 */
export async function exportOnlyApp(ctx: AppContext, options: ExportRouteOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  installValidators(app);
  app.decorateRequest('principal', null);
  installErrorHandling(app);
  app.addHook('onRequest', async (request) => {
    for (const authenticator of ctx.authenticators) {
      const principal = await authenticator.authenticate(request.headers);
      if (principal !== null) {
        request.principal = principal;
        return;
      }
    }
  });
  registerExportRoutes(app, ctx, options);
  await app.ready();
  return app;
}
