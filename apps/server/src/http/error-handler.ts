import { TesseraError, ValidationError } from '@tessera/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { isDatabaseUnavailable } from './database-unavailable';
import { type ProblemInput, problemBody, titleFor } from './problem';

interface AjvIssue {
  readonly instancePath?: string;
  readonly message?: string;
  readonly keyword?: string;
  readonly params?: Record<string, unknown>;
}

const CONTEXT_PREFIX: Readonly<Record<string, string>> = {
  body: '',
  querystring: '/query',
  params: '/path',
  headers: '/headers',
};

function fromValidation(
  error: FastifyError & { validation?: AjvIssue[]; validationContext?: string },
): ProblemInput {
  const prefix = CONTEXT_PREFIX[error.validationContext ?? 'body'] ?? '';
  const issues = (error.validation ?? []).map((v) => {
    const extra =
      v.keyword === 'additionalProperties' ? `/${String(v.params?.additionalProperty ?? '')}` : '';
    const path = `${prefix}${v.instancePath ?? ''}${extra}`;
    const message = v.keyword === 'additionalProperties' ? 'unknown field' : (v.message ?? 'invalid');
    return {
      path: path === '' ? '/' : path,
      message,
      code: v.keyword === 'additionalProperties' ? 'unknown_field' : 'invalid',
    };
  });
  const first = issues[0];
  return {
    status: 400,
    code: 'validation_failed',
    title: 'Invalid request',
    detail: first ? `${first.path}: ${first.message}` : 'invalid request',
    issues,
  };
}

const FASTIFY_CODES: Readonly<Record<string, ProblemInput>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    title: 'Payload too large',
    detail: 'the request body is too large',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    title: 'Unsupported media type',
    detail: 'unsupported Content-Type',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'invalid_json',
    title: 'Invalid JSON',
    detail: 'the JSON body is empty',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'invalid_json',
    title: 'Invalid JSON',
    detail: 'the body is not valid JSON',
  },
};

/** Maps any thrown error to a problem: typed engine errors keep their code; anything unexpected is a 500. */
export function toProblem(error: unknown): ProblemInput {
  if (error instanceof ValidationError) {
    return {
      status: 400,
      code: error.code,
      title: 'Invalid request',
      detail: error.message,
      issues: error.issues,
    };
  }
  if (error instanceof TesseraError) {
    return {
      status: error.status,
      code: error.code,
      title: titleFor(error.status),
      detail: error.message,
      extra: error.details,
    };
  }
  const fe = error as FastifyError & { validation?: AjvIssue[] };
  if (fe && Array.isArray(fe.validation)) return fromValidation(fe);
  if (fe?.code && FASTIFY_CODES[fe.code]) return FASTIFY_CODES[fe.code] as ProblemInput;
  if (error instanceof SyntaxError) return FASTIFY_CODES.FST_ERR_CTP_INVALID_JSON_BODY as ProblemInput;
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      code: 'database_unavailable',
      title: 'Service unavailable',
      detail: 'the database is unavailable or restarting; retry shortly (with the same Idempotency-Key)',
    };
  }
  const status =
    typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  if (status === 500)
    return {
      status,
      code: 'internal_error',
      title: 'Internal error',
      detail: 'an unexpected error occurred; it was logged',
    };
  return {
    status,
    code: 'bad_request',
    title: titleFor(status),
    detail: fe.message.split('\n')[0] ?? 'bad request',
  };
}

/** The one place errors become HTTP responses: problem+json, never a stack trace. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    const { errors: _e, ...details } = (problem.extra ?? {}) as Record<string, unknown>;
    if (problem.status === 503 && !reply.hasHeader('retry-after')) void reply.header('retry-after', '1');
    void reply
      .code(problem.status)
      .type('application/problem+json')
      .send(problemBody({ ...problem, extra: details }, String(request.id)));
  });
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .type('application/problem+json')
      .send(
        problemBody(
          {
            status: 404,
            code: 'route_not_found',
            title: 'Not found',
            detail: `no route ${request.method} ${request.url.split('?')[0]}`,
          },
          String(request.id),
        ),
      );
  });
}
