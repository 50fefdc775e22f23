import type { BodyOf, ParamsOf, QueryOf, Route } from '@tessera/schema';

/** Per-call options every request accepts. */
export interface RequestOptions {
  /** Sent as `Idempotency-Key` on every attempt; POSTs get a fresh UUID v7 per call when omitted. */
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
  readonly headers?: Readonly<Record<string, string>>;
}

type IsAbsent<T> = unknown extends T ? true : false;
type AllOptional<T> = Partial<T> extends T ? true : false;

/** `{params}` required when the route has path params; query and body required when they have required fields. */
type Part<K extends string, T> =
  IsAbsent<T> extends true
    ? { readonly [P in K]?: undefined }
    : AllOptional<T> extends true
      ? { readonly [P in K]?: T }
      : { readonly [P in K]: T };

/** Arguments of `client.call(route, …)`: the route's params, query and body, plus request options. */
export type CallArgs<R> = Part<'params', ParamsOf<R>> &
  Part<'query', QueryOf<R>> &
  Part<'body', BodyOf<R>> &
  RequestOptions;

type Flat<T> = IsAbsent<T> extends true ? Record<never, never> : T;

/** Input of a route method: path params, query fields and body fields in one object. */
export type FlatInput<R> = Flat<ParamsOf<R>> & Flat<QueryOf<R>> & Flat<BodyOf<R>>;

/** Makes the argument optional when nothing in it is required. */
export type OptionalWhenEmpty<T, Rest extends unknown[] = []> =
  AllOptional<T> extends true ? [input?: T, ...Rest] : [input: T, ...Rest];

export interface SplitInput {
  readonly params: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly body: Record<string, unknown> | undefined;
}

function propertyNames(part: unknown): ReadonlySet<string> {
  if (part === null || typeof part !== 'object') return new Set();
  const properties = (part as { properties?: unknown }).properties;
  return new Set(properties !== null && typeof properties === 'object' ? Object.keys(properties) : []);
}

function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string);
}

interface RouteNames {
  readonly paramNames: ReadonlySet<string>;
  readonly queryNames: ReadonlySet<string>;
}

/** Each route's path and query names, worked out from its schemas once (not on every call). */
const namesOfRoute = new WeakMap<Route, RouteNames>();

function routeNames(route: Route): RouteNames {
  let names = namesOfRoute.get(route);
  if (names === undefined) {
    names = {
      paramNames: new Set([...propertyNames(route.params), ...pathParamNames(route.path)]),
      queryNames: propertyNames(route.query),
    };
    namesOfRoute.set(route, names);
  }
  return names;
}

/**
 * Splits a flat method input into path params, query and body by the route's schemas: path and query
 * names first, everything else to the body. A field the route has no place for is a TypeError.
 */
export function splitInput(route: Route, input: Readonly<Record<string, unknown>> | undefined): SplitInput {
  const { paramNames, queryNames } = routeNames(route);
  const params: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input ?? {})) {
    if (paramNames.has(key)) params[key] = value;
    else if (queryNames.has(key)) query[key] = value;
    else if (route.body !== undefined) body[key] = value;
    else if (value !== undefined) throw new TypeError(`${route.operationId}: unknown field ${key}`);
  }
  return { params, query, body: route.body === undefined ? undefined : body };
}
