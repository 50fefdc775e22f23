import type { Route } from '@tessera/schema';
import * as schema from '@tessera/schema';

type SchemaExports = typeof schema;

/** Names of the schema's exported route groups: every `…Routes` object of routes (projects, tasks, …). */
export type RouteGroupName = {
  [K in keyof SchemaExports]: K extends `${string}Routes`
    ? SchemaExports[K] extends Readonly<Record<string, Route>>
      ? K
      : never
    : never;
}[keyof SchemaExports];

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** Every route of the contract by name: a route group added to the schema is picked up here. */
export type ContractRoutes = UnionToIntersection<SchemaExports[RouteGroupName]>;

function isRoute(value: unknown): value is Route {
  if (value === null || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  return typeof r.operationId === 'string' && typeof r.method === 'string' && typeof r.path === 'string';
}

function isRouteGroup(value: unknown): value is Readonly<Record<string, Route>> {
  return (
    value !== null &&
    typeof value === 'object' &&
    Object.keys(value).length > 0 &&
    Object.values(value).every(isRoute)
  );
}

/** The contract's routes at run time, from every exported `…Routes` group of `@tessera/schema`. */
export function contractRoutes(): Readonly<Record<string, Route>> {
  const all: Record<string, Route> = {};
  for (const [group, value] of Object.entries(schema)) {
    if (!group.endsWith('Routes') || !isRouteGroup(value)) continue;
    for (const [name, route] of Object.entries(value)) {
      if (all[name] !== undefined && all[name] !== route) {
        throw new Error(`route name ${name} is declared by two route groups`);
      }
      all[name] = route;
    }
  }
  return all;
}
