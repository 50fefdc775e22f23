import type { Route } from '@tessera/schema';
import type { Exchange } from './transport';

/** Task-creating routes: a unique_id conflict after a failed attempt means that attempt created the task. */
const SAFE_CREATE_ROUTES: ReadonlySet<string> = new Set(['createTask', 'createTypedTask']);

/**
 * Scale's safe retry: a create whose earlier attempt failed with 5xx or a network error may have created
 * the task before the answer was lost; when the retry then meets `409 unique_id_conflict`, the task to
 * return is the one holding that unique_id. Returns that unique_id, or null when this is a real conflict.
 */
export function duplicateToRecover(
  route: Route,
  result: Exchange,
  body: Readonly<Record<string, unknown>> | undefined,
): string | null {
  if (!SAFE_CREATE_ROUTES.has(route.operationId) || result.ok || result.response.status !== 409) return null;
  const problem = result.response.body as { code?: unknown } | null;
  if (problem?.code !== 'unique_id_conflict') return null;
  if (!result.retried.some((status) => status === 0 || status >= 500)) return null;
  const uniqueId = body?.unique_id;
  return typeof uniqueId === 'string' && uniqueId !== '' ? uniqueId : null;
}
