import Type, { type Static, type TSchema } from 'typebox';
import type { Role } from '../organization';

/** API-key scopes. `admin` implies every other scope. */
export const SCOPES = [
  'admin',
  'projects:read',
  'projects:write',
  'tasks:read',
  'tasks:write',
  'results:read',
  'annotate',
  'review',
  'webhooks:write',
  'keys:write',
] as const;
export type Scope = (typeof SCOPES)[number];

/** The scopes each role's session (and a key issued for a user of that role by default) carries. */
export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  admin: ['admin'],
  manager: [
    'projects:read',
    'projects:write',
    'tasks:read',
    'tasks:write',
    'results:read',
    'review',
    'annotate',
    'webhooks:write',
  ],
  reviewer: ['projects:read', 'tasks:read', 'results:read', 'review', 'annotate'],
  annotator: ['projects:read', 'annotate'],
};

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP operation: the single source of truth for the server's validation and OpenAPI document, the
 * SDK's types, and the security test matrices (which read `scope` and `objectIds`).
 */
export interface Route<
  P extends TSchema = TSchema,
  Q extends TSchema = TSchema,
  B extends TSchema = TSchema,
  R extends TSchema = TSchema,
> {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Fastify-style path, e.g. `/v1/task/:task_id`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: R;
  /** Success status (default 200). */
  readonly status?: number;
  /**
   * Scope an API key needs; `public` routes need no credential; `authenticated` routes accept any valid
   * credential (the handler decides, e.g. "admin or the user themself").
   */
  readonly scope: Scope | 'public' | 'authenticated';
  /** Path/query/body fields that name objects of the caller's organization (for the cross-tenant matrix). */
  readonly objectIds?: readonly string[];
  /**
   * A POST whose body already makes a repeat safe (a lease token: the same token again returns the first
   * result), so the SDK sends no fresh Idempotency-Key with it: a keyed request costs the server a claim and a
   * stored response on top of the operation. A key the caller passes is still sent and honoured.
   */
  readonly repeatSafe?: true;
}

/** Declares a route with its schemas kept as literal types (so `Static<>` works on each part). */
export function route<P extends TSchema, Q extends TSchema, B extends TSchema, R extends TSchema>(
  def: Route<P, Q, B, R>,
): Route<P, Q, B, R> {
  return def;
}

export type ParamsOf<T> = T extends Route<infer P, TSchema, TSchema, TSchema> ? Static<P> : never;
export type QueryOf<T> = T extends Route<TSchema, infer Q, TSchema, TSchema> ? Static<Q> : never;
export type BodyOf<T> = T extends Route<TSchema, TSchema, infer B, TSchema> ? Static<B> : never;
export type ResponseOf<T> = T extends Route<TSchema, TSchema, TSchema, infer R> ? Static<R> : never;

/** RFC 3339 UTC timestamp with milliseconds. */
export const Timestamp = Type.String({ format: 'date-time' });
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

/** RFC 9457 problem details, plus a stable `code`, Scale's `error` and `status_code`, and field errors. */
export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  code: Type.String(),
  error: Type.String(),
  status_code: Type.Integer(),
  request_id: Type.String(),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(
    Type.Array(Type.Object({ pointer: Type.String(), message: Type.String(), code: Type.String() })),
  ),
  existing_task_id: Type.Optional(Type.String()),
});
export type Problem = Static<typeof Problem>;

export const Empty = Type.Object({}, { additionalProperties: false });

/** `{docs, limit, has_more, next_token}` — the list envelope (plus `total` when asked for). */
export function page<T extends TSchema>(item: T) {
  return Type.Object({
    docs: Type.Array(item),
    limit: Type.Integer(),
    has_more: Type.Boolean(),
    next_token: Type.Union([Type.String(), Type.Null()]),
    total: Type.Optional(Type.Integer()),
    offset: Type.Optional(Type.Integer()),
  });
}

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 100 })),
  next_token: Type.Optional(Type.String({ maxLength: 2048 })),
};
