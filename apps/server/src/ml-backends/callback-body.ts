import { TesseraError } from '@tessera/core';
import { MlCallbackBody } from '@tessera/schema';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../http/json-depth';

type JsonParser = ReturnType<FastifyInstance['getDefaultJsonParser']>;

/**
 * Reads an authenticated callback's raw bytes as its JSON body, the way every other JSON route is read:
 * Fastify's own parser (prototype poisoning refused), the nesting cap (400 `json_too_deep`), then the
 * contract's schema through the app's body validator (no coercion, unknown fields and U+0000 refused),
 * whose errors leave through the error handler as a 400 with JSON Pointers.
 */
export function createCallbackBodyReader(app: FastifyInstance) {
  const parser: JsonParser = app.getDefaultJsonParser('error', 'error');

  const parse = (request: FastifyRequest, text: string) =>
    new Promise<unknown>((resolve, reject) => {
      parser(request, text, (error, value) => (error ? reject(error) : resolve(value)));
    });

  return async (request: FastifyRequest, raw: Buffer): Promise<MlCallbackBody> => {
    const text = raw.toString('utf8');
    if (exceedsJsonDepth(text, MAX_JSON_DEPTH)) {
      throw new TesseraError(
        'json_too_deep',
        400,
        `the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`,
        {
          max_depth: MAX_JSON_DEPTH,
        },
      );
    }
    const value = await parse(request, text);
    const validate = request.compileValidationSchema(MlCallbackBody, 'body');
    if (!validate(value)) {
      // The shape Fastify gives its own validation errors, so the error handler maps it identically.
      throw Object.assign(new Error('the callback body does not match its schema'), {
        validation: validate.errors ?? [],
        validationContext: 'body',
      });
    }
    return value as MlCallbackBody;
  };
}
