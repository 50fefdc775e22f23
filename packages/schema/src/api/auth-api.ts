import Type, { type Static } from 'typebox';
import { Nullable } from '../common';
import { Role } from '../organization';
import { Empty, NullableTimestamp, PageQuery, page, route, SCOPES, Timestamp } from './contract';

/**
 * API keys, users and web sessions. Secrets (keys, passwords, session tokens) appear only in requests and,
 * once, in the key-creation and login responses; lists never carry secrets or hashes.
 */

const IdParam = Type.String({ minLength: 1, maxLength: 128 });
const Email = Type.String({ minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' });
/** 12 to 1024 characters (NIST SP 800-63B: length over composition rules). */
const Password = Type.String({ minLength: 12, maxLength: 1024 });

export const RateLimitSetting = Type.Object(
  {
    per_second: Type.Number({ exclusiveMinimum: 0, maximum: 100_000 }),
    burst: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  },
  { additionalProperties: false },
);

export const ApiKeyCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    scopes: Type.Array(Type.Enum(SCOPES), { minItems: 1, maxItems: SCOPES.length, uniqueItems: true }),
    user_id: Type.Optional(IdParam),
    rate_limit: Type.Optional(RateLimitSetting),
  },
  { additionalProperties: false },
);

/** An API key as lists show it: the prefix only, never the secret or its hash. */
export const ApiKeyDto = Type.Object({
  key_id: Type.String(),
  prefix: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  user_id: Nullable(Type.String()),
  rate_limit: Nullable(Type.Object({ per_second: Type.Number(), burst: Type.Integer() })),
  created_at: Timestamp,
  last_used_at: NullableTimestamp,
  revoked_at: NullableTimestamp,
});
export type ApiKeyDto = Static<typeof ApiKeyDto>;

/** The creation response: the only time the secret `key` is shown. */
export const CreatedApiKeyDto = Type.Object({
  key_id: Type.String(),
  key: Type.String(),
  prefix: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  user_id: Nullable(Type.String()),
  created_at: Timestamp,
});
export type CreatedApiKeyDto = Static<typeof CreatedApiKeyDto>;

export const UserCreateBody = Type.Object(
  {
    email: Email,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: Role,
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);

export const UserDto = Type.Object({
  user_id: Type.String(),
  org_id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Role,
  has_password: Type.Boolean(),
  created_at: Timestamp,
});
export type UserDto = Static<typeof UserDto>;

/** `current_password` is required when users change their own password (not when an admin resets it). */
export const PasswordSetBody = Type.Object(
  { password: Password, current_password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })) },
  { additionalProperties: false },
);

/**
 * `org_id` picks the organization when the email belongs to several; without it, the email must belong to
 * exactly one organization.
 */
export const LoginBody = Type.Object(
  {
    email: Email,
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    org_id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 128,
        description:
          'The organization to log in to. Optional when the email belongs to exactly one organization; ' +
          'required when it belongs to several (otherwise the login fails like a wrong password).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const LoginDto = Type.Object({ user: UserDto, csrf_token: Type.String(), expires_at: Timestamp });

export const WhoAmIDto = Type.Object({
  org_id: Type.String(),
  user_id: Nullable(Type.String()),
  role: Nullable(Role),
  scopes: Type.Array(Type.String()),
  kind: Type.Union([Type.Literal('api_key'), Type.Literal('session')]),
  /** Sessions only: the token unsafe requests must echo in `x-csrf-token` (for a reloaded web page). */
  csrf_token: Type.Optional(Type.String()),
});
export type WhoAmIDto = Static<typeof WhoAmIDto>;

export const authRoutes = {
  createApiKey: route({
    operationId: 'createApiKey',
    method: 'POST',
    path: '/v1/keys',
    tag: 'auth',
    summary: 'Create an API key (the secret is returned once)',
    body: ApiKeyCreateBody,
    response: CreatedApiKeyDto,
    status: 201,
    scope: 'keys:write',
    objectIds: ['user_id'],
  }),
  listApiKeys: route({
    operationId: 'listApiKeys',
    method: 'GET',
    path: '/v1/keys',
    tag: 'auth',
    summary: 'List API keys (prefixes only)',
    query: Type.Object(PageQuery),
    response: page(ApiKeyDto),
    scope: 'keys:write',
  }),
  revokeApiKey: route({
    operationId: 'revokeApiKey',
    method: 'POST',
    path: '/v1/keys/:key_id/revoke',
    tag: 'auth',
    summary: 'Revoke an API key (effective within the auth cache TTL, ≤ 5 s)',
    params: Type.Object({ key_id: IdParam }),
    response: ApiKeyDto,
    scope: 'keys:write',
    objectIds: ['key_id'],
  }),
  createUser: route({
    operationId: 'createUser',
    method: 'POST',
    path: '/v1/users',
    tag: 'auth',
    summary: 'Create a user (email unique within the organization)',
    body: UserCreateBody,
    response: UserDto,
    status: 201,
    scope: 'admin',
  }),
  listUsers: route({
    operationId: 'listUsers',
    method: 'GET',
    path: '/v1/users',
    tag: 'auth',
    summary: 'List users',
    query: Type.Object(PageQuery),
    response: page(UserDto),
    scope: 'admin',
  }),
  setPassword: route({
    operationId: 'setPassword',
    method: 'POST',
    path: '/v1/users/:user_id/password',
    tag: 'auth',
    summary: "Set a user's password (admins, or users themselves with current_password)",
    params: Type.Object({ user_id: IdParam }),
    body: PasswordSetBody,
    response: Empty,
    scope: 'authenticated',
    objectIds: ['user_id'],
  }),
  login: route({
    operationId: 'login',
    method: 'POST',
    path: '/v1/auth/login',
    tag: 'auth',
    summary: 'Start a web session: sets the HttpOnly session cookie and returns the CSRF token',
    body: LoginBody,
    response: LoginDto,
    scope: 'public',
  }),
  logout: route({
    operationId: 'logout',
    method: 'POST',
    path: '/v1/auth/logout',
    tag: 'auth',
    summary: 'End the current web session and clear its cookie',
    response: Empty,
    scope: 'authenticated',
  }),
  whoAmI: route({
    operationId: 'whoAmI',
    method: 'GET',
    path: '/v1/auth/me',
    tag: 'auth',
    summary: 'The calling credential: organization, user, role, scopes',
    response: WhoAmIDto,
    scope: 'authenticated',
  }),
} as const;
