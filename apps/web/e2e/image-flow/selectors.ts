/** A CSS selector for a `data-testid`. */
export const tid = (id: string): string => `[data-testid="${id}"]`;

/**
 * How long `expect.poll` waits for a page to catch up with the server (vitest's default of one second is
 * short on a loaded two-core machine).
 */
export const POLL = { timeout: 15_000, interval: 50 } as const;
