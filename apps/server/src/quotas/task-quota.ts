import type { CreateOptions, CreateResult, Engine } from '@tessera/core';
import { quotaExceeded } from './quota-config';
import type { QuotaLedger } from './quota-ledger';

type TaskService = Engine['tasks'];

/** The options of `inputs[start, end)`: retry references stay aligned with their inputs. */
function sliceOptions(opts: CreateOptions, start: number, end: number): CreateOptions {
  return opts.retry === undefined
    ? opts
    : { ...opts, retry: { ...opts.retry, refs: opts.retry.refs.slice(start, end) } };
}

function overQuota(index: number, limit: number): CreateResult {
  const message = `the organization's tasks quota (${limit}) is used up`;
  return { index, outcome: 'invalid', issues: [{ path: '/', message, code: 'quota_exceeded' }] };
}

/**
 * The task service with the per-organization tasks quota: every create, from any route or use-case,
 * reserves before it writes. A single create over the quota is `429 quota_exceeded`. A bulk create is
 * decided per input, in order: inputs are created while the quota has room, each transaction all-or-nothing
 * as before; every input after the quota is full is an `invalid` result with code `quota_exceeded`
 * (nothing of it is written), so a bulk upload reports exactly which lines were stored.
 */
export function withTaskQuota(tasks: TaskService, ledger: QuotaLedger, quota: number | null): TaskService {
  if (quota === null) return tasks;
  const limit = quota;

  async function createTasks(
    orgId: string,
    projectId: string,
    inputs: readonly unknown[],
    opts: CreateOptions = {},
  ): Promise<CreateResult[]> {
    const results: CreateResult[] = [];
    let start = 0;
    while (start < inputs.length) {
      // Room for the rest, or as much as is left: duplicates and invalid inputs take none, so the loop asks
      // again for what the previous part did not use.
      const held = await ledger.reserve(orgId, 'tasks', inputs.length - start, limit, true);
      if (held.granted === 0) {
        for (let i = start; i < inputs.length; i++) results.push(overQuota(i, limit));
        break;
      }
      const end = start + held.granted;
      try {
        const part = await tasks.createTasks(
          orgId,
          projectId,
          inputs.slice(start, end),
          sliceOptions(opts, start, end),
        );
        for (const r of part) results.push({ ...r, index: r.index + start });
      } finally {
        await held.release();
      }
      start = end;
    }
    return results;
  }

  return {
    ...tasks,
    createTasks,
    async createTask(orgId, projectId, input, opts = {}) {
      const held = await ledger.reserve(orgId, 'tasks', 1, limit);
      if (held.granted === 0) throw quotaExceeded('tasks', limit, held.used, 1);
      try {
        return await tasks.createTask(orgId, projectId, input, opts);
      } finally {
        await held.release();
      }
    },
  };
}
