import type { ValidateFunction } from 'ajv';

const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** JSON Pointer of the first string (or object key) holding U+0000 in `value`, or null when there is none. */
export function nulPointer(value: unknown, at = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? at || '/' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPointer(value[i], `${at}/${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return `${at}/${escapeKey(key)}`;
      const found = nulPointer(item, `${at}/${escapeKey(key)}`);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * A validator that also refuses U+0000 in any string of the request part: PostgreSQL text cannot hold it (a
 * query with one fails inside the database, a 500), so it is a 400 on both databases, with its pointer.
 */
export function refusingNul(validate: ValidateFunction): ValidateFunction {
  const wrapped = ((data: unknown, context?: Parameters<ValidateFunction>[1]) => {
    const ok = validate(data, context);
    wrapped.errors = validate.errors;
    if (!ok) return false;
    const at = nulPointer(data);
    if (at === null) return true;
    wrapped.errors = [
      {
        instancePath: at === '/' ? '' : at,
        schemaPath: '#',
        keyword: 'nul',
        params: {},
        message: 'must not contain the NUL character (U+0000)',
      },
    ];
    return false;
  }) as ValidateFunction;
  // Fastify passes the parent (so Ajv may coerce a root value) only to functions carrying `schemaEnv`.
  return Object.assign(wrapped, { schema: validate.schema, schemaEnv: validate.schemaEnv });
}
