import { TesseraError } from '@tessera/core';
import type { FastifyInstance } from 'fastify';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth';

/**
 * Fastify's JSON body parser (same body limit → 413, same prototype-poisoning protection) behind a nesting
 * check: a body nested deeper than `maxDepth` is a 400 `json_too_deep` instead of a stack overflow later.
 */
export function installJsonBodyParser(app: FastifyInstance, maxDepth: number = MAX_JSON_DEPTH): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (exceedsJsonDepth(text, maxDepth)) {
      done(
        new TesseraError('json_too_deep', 400, `the JSON body nests deeper than ${maxDepth} levels`, {
          max_depth: maxDepth,
        }),
        undefined,
      );
      return;
    }
    parseJson(request, text, done);
  });
}
