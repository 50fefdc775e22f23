import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problemBody } from './problem';

/**
 * Longest path parameter the router accepts, in characters as sent (percent-encoded): the contract's longest
 * id (128 characters) fits even when every character is a percent-encoded 4-byte one. Longer ones are 400.
 */
export const MAX_PARAM_CHARS = 2048;

/**
 * Fastify's `frameworkErrors`: a URL the router cannot decode (`/v1/task/%`) or a path segment over
 * `MAX_PARAM_CHARS` is answered before any route or hook runs. Without this, Fastify answers those with its
 * own JSON (`FST_ERR_BAD_URL`, and 414 for a long segment) instead of the problem envelope.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const detail =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? `a path segment is longer than ${MAX_PARAM_CHARS} characters`
      : 'the URL is not valid (check its percent-encoding)';
  void reply
    .code(400)
    .header('x-request-id', String(request.id))
    .type('application/problem+json')
    .send(
      problemBody({ status: 400, code: 'invalid_url', title: 'Bad request', detail }, String(request.id)),
    );
}
