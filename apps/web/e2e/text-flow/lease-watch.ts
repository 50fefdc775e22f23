import type { Page, Request, Response, Route } from 'playwright-core';

/**
 * Watches the label page's leases on the wire, and can hold its heartbeats back (as when a laptop sleeps or
 * the network stalls) so a lease really expires on the server while the page still shows its task.
 */
export interface LeaseWatch {
  /** The latest expiry (epoch ms) the server answered for this task's lease, from lease and heartbeat answers. */
  expiryOf(taskId: string): number | undefined;
  /** From now on, heartbeat requests are held: neither sent to the server nor answered. */
  hold(): Promise<void>;
  /** Resolves once a heartbeat of this task is held (its lease cannot be extended any more). */
  heldFor(taskId: string): Promise<void>;
  /** Lets every held heartbeat through to the server and stops holding. */
  release(): Promise<void>;
}

const HEARTBEAT = '**/v1/queue/heartbeat';

function taskOf(request: Request): string | null {
  const body: unknown = request.postDataJSON();
  if (body === null || typeof body !== 'object') return null;
  const id = (body as Record<string, unknown>).task_id;
  return typeof id === 'string' ? id : null;
}

function leasesOf(body: unknown): { taskId: string; expiresAt: string }[] {
  if (body === null || typeof body !== 'object') return [];
  const leases = (body as { leases?: unknown }).leases;
  if (!Array.isArray(leases)) return [];
  return leases.flatMap((l: { task?: { task_id?: unknown }; expires_at?: unknown }) =>
    typeof l.task?.task_id === 'string' && typeof l.expires_at === 'string'
      ? [{ taskId: l.task.task_id, expiresAt: l.expires_at }]
      : [],
  );
}

export function watchLeases(page: Page): LeaseWatch {
  const expiries = new Map<string, number>();
  const held: { route: Route; taskId: string | null }[] = [];
  const waiters: { taskId: string; resolve: () => void }[] = [];
  let holding = false;

  const record = (taskId: string, expiresAt: string): void => {
    expiries.set(taskId, Math.max(expiries.get(taskId) ?? 0, Date.parse(expiresAt)));
  };
  const read = async (response: Response): Promise<void> => {
    if (!response.ok()) return;
    const path = new URL(response.url()).pathname;
    if (path === '/v1/queue/lease') {
      for (const l of leasesOf(await response.json())) record(l.taskId, l.expiresAt);
    } else if (path === '/v1/queue/heartbeat') {
      const taskId = taskOf(response.request());
      const body = (await response.json()) as { expires_at?: unknown };
      if (taskId !== null && typeof body.expires_at === 'string') record(taskId, body.expires_at);
    }
  };
  // A body can be gone when the page reloads meanwhile; that answer is then simply not recorded (an expiry
  // read too early only makes the refused-submit check fail, never pass by accident).
  page.on('response', (response) => void read(response).catch(() => undefined));

  const onHeartbeat = async (route: Route): Promise<void> => {
    if (!holding) return route.continue();
    const taskId = taskOf(route.request());
    held.push({ route, taskId });
    for (const w of waiters.filter((x) => x.taskId === taskId)) w.resolve();
  };

  return {
    expiryOf: (taskId) => expiries.get(taskId),
    async hold() {
      holding = true;
      await page.route(HEARTBEAT, onHeartbeat);
    },
    heldFor(taskId) {
      if (held.some((h) => h.taskId === taskId)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ taskId, resolve }));
    },
    async release() {
      holding = false;
      for (const { route } of held.splice(0)) await route.continue();
      await page.unroute(HEARTBEAT, onHeartbeat);
    },
  };
}
