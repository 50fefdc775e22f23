import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

/** One problem with an input, located by a JSON Pointer (`/objects/2/attributes/color`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
  /** Stable machine code, e.g. `unknown_class`, `out_of_range`; `invalid` for schema violations. */
  readonly code: string;
}

export type Validation<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };

export interface Validator<T> {
  readonly schema: TSchema;
  check(value: unknown): value is T;
  validate(value: unknown): Validation<T>;
}

/** Compiles a TypeBox schema once into a validator that reports every issue with its field path. */
export function createValidator<S extends TSchema>(schema: S): Validator<Static<S>> {
  const compiled = Compile(schema);
  return {
    schema,
    check: (value: unknown): value is Static<S> => compiled.Check(value),
    validate(value: unknown): Validation<Static<S>> {
      if (compiled.Check(value)) return { ok: true, value: value as Static<S> };
      const issues: FieldIssue[] = [];
      for (const error of compiled.Errors(value)) {
        if (error.keyword === 'boolean') continue; // duplicate of the additionalProperties report
        const extra = additionalPropertyNames(error.params);
        const path = extra.length > 0 ? `${error.instancePath}/${extra[0]}` : error.instancePath;
        issues.push({ path: path === '' ? '/' : path, message: error.message, code: 'invalid' });
        if (issues.length >= 50) break;
      }
      return { ok: false, issues };
    },
  };
}

function additionalPropertyNames(params: unknown): string[] {
  if (typeof params !== 'object' || params === null) return [];
  const names = (params as { additionalProperties?: unknown }).additionalProperties;
  return Array.isArray(names) ? names.map(String) : [];
}
