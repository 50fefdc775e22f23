import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { refusingNul } from './nul-check';

const BASE: Options = { removeAdditional: false, useDefaults: true, allErrors: true, strict: false };

/**
 * Two validators: bodies are checked as sent (no type coercion: `false` must stay a boolean inside a
 * string|number|boolean union, and unknown fields are 400, never silently stripped); query strings and path
 * parameters are coerced from text (`limit=10` is a number, a repeated `unique_id` an array). No part may
 * carry U+0000 in a string (`nul-check.ts`).
 */
export function installValidators(app: FastifyInstance): void {
  const strict = new Ajv(BASE);
  const coercing = new Ajv({ ...BASE, coerceTypes: 'array' });
  addFormats(strict);
  addFormats(coercing);
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    return refusingNul(ajv.compile(schema));
  });
}
