import type { FastifyReply } from 'fastify';
import { LoginRateLimitedError } from '../auth/auth-errors';

/** Runs `fn`; a password-throttle refusal gets its `Retry-After` header (seconds) on the way out. */
export async function withRetryAfter<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof LoginRateLimitedError) void reply.header('retry-after', String(error.retryAfter));
    throw error;
  }
}
