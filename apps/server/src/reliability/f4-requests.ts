import { type Route, TaskInput } from '@tessera/schema';
import fc from 'fast-check';
import { multipartFuzzBodies } from '../assets/multipart-fuzz-bodies';
import { CONTENT_TYPES, garbageBytes, hostileValue, jsonTextTricks, NASTY_STRINGS } from './f4-hostile';
import { mutated } from './f4-mutate';
import { type ArbitraryOptions, type JsonSchema, schemaArbitrary } from './f4-schema-arbitrary';
import type { BodyKind } from './f4-targets';

/** One request the fuzzer sends; `kind` says which generator made it (printed with a failure). */
export interface FuzzRequest {
  readonly kind: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload?: string | Buffer;
}

interface Parts {
  readonly path: string;
  readonly query: string;
}

type Body = { readonly kind: string; readonly contentType?: string; readonly payload?: string | Buffer };

const JSON_TYPE = 'application/json';

/** Path segments that are not plain percent-encoded text: bad escapes, traversal, encoded slashes. */
const RAW_SEGMENTS = ['%', '%zz', '%00', '..', '.', '%2F..%2F', '%C0%AE', '%E2%80%AE', '%FF%FE', '%ED%A0%80'];

function fillPath(route: Route, params: Readonly<Record<string, string>>): string {
  return route.path.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? 'missing');
}

/** Lone UTF-16 surrogates, which no URL can carry (encodeURIComponent throws on them). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const encodeText = (s: string): string => encodeURIComponent(s.replace(LONE_SURROGATE, '\uFFFD'));
const encodeValue = (v: unknown): string => encodeText(typeof v === 'string' ? v : JSON.stringify(v));

/** Query text for a query object: arrays as repeated keys, everything else as text. */
function queryText(query: Readonly<Record<string, unknown>>): string {
  const pairs: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    for (const item of Array.isArray(v) ? v : [v]) pairs.push(`${encodeText(k)}=${encodeValue(item)}`);
  }
  return pairs.join('&');
}

const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer({ min: 129, max: 9_000 }).map((n) => 'q'.repeat(n)),
);

/** Path and query: valid for the schemas (with the world's ids), or with one part made hostile. */
function partsArbitrary(route: Route, o: ArbitraryOptions): fc.Arbitrary<Parts> {
  const params = route.params ? schemaArbitrary(route.params as JsonSchema, o) : fc.constant({});
  const query = route.query ? schemaArbitrary(route.query as JsonSchema, o) : fc.constant({});
  const names = Object.keys((route.params as JsonSchema | undefined)?.properties ?? {});
  const asText = (p: unknown) =>
    Object.fromEntries(Object.entries(p as Record<string, unknown>).map(([k, v]) => [k, encodeValue(v)]));
  const valid = fc.tuple(params, query).map(([p, q]) => ({
    path: fillPath(route, asText(p)),
    query: queryText(q as Record<string, unknown>),
  }));
  const badParam = fc
    .tuple(params, query, fc.nat(), fc.oneof(hostileText.map(encodeText), fc.constantFrom(...RAW_SEGMENTS)))
    .map(([p, q, pick, bad]) => {
      const text = asText(p);
      const name = names[pick % Math.max(1, names.length)];
      return {
        path: fillPath(route, name === undefined ? text : { ...text, [name]: bad }),
        query: queryText(q as Record<string, unknown>),
      };
    });
  const badQuery = fc
    .tuple(
      params,
      fc.oneof(
        fc
          .dictionary(
            fc.oneof(
              fc.constantFrom(...names, 'limit', 'next_token', 'offset', '__proto__', 'constructor'),
              fc.string(),
            ),
            fc.oneof(hostileText, fc.array(hostileText, { maxLength: 3 })),
            { maxKeys: 3, noNullPrototype: true },
          )
          .map(queryText),
        fc.constantFrom(
          'a[b]=1',
          '__proto__[x]=1',
          'constructor[prototype][x]=1',
          '&&&',
          '=',
          'limit',
          '%',
          'limit=1&limit=2',
        ),
      ),
    )
    .map(([p, q]) => ({ path: fillPath(route, asText(p)), query: q }));
  return fc.oneof(
    { arbitrary: valid, weight: 3 },
    { arbitrary: badParam, weight: 1 },
    { arbitrary: badQuery, weight: 1 },
  );
}

function jsonBodies(bodySchema: JsonSchema, o: ArbitraryOptions): fc.Arbitrary<Body> {
  const valid = schemaArbitrary(bodySchema, o);
  const text =
    (kind: string) =>
    (v: unknown): Body => ({ kind, contentType: JSON_TYPE, payload: JSON.stringify(v) });
  return fc.oneof(
    { arbitrary: valid.map(text('valid')), weight: 4 },
    { arbitrary: mutated(valid).map(text('mutated')), weight: 4 },
    { arbitrary: hostileValue.map(text('hostile')), weight: 2 },
    {
      arbitrary: valid
        .chain((v) => jsonTextTricks(JSON.stringify(v)))
        .map((payload) => ({
          kind: 'json-text',
          contentType: JSON_TYPE,
          payload,
        })),
      weight: 2,
    },
    ...rawBodies(1),
  );
}

/** Bytes or JSON under a wrong or odd media type, and requests without any body. */
function rawBodies(weight: number): fc.WeightedArbitrary<Body>[] {
  return [
    {
      arbitrary: fc.tuple(garbageBytes, fc.constantFrom(...CONTENT_TYPES)).map(([payload, contentType]) => ({
        kind: 'garbage',
        contentType,
        payload,
      })),
      weight,
    },
    {
      arbitrary: fc
        .tuple(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...CONTENT_TYPES))
        .map(([v, contentType]) => ({
          kind: 'content-type',
          contentType,
          payload: JSON.stringify(v) ?? '',
        })),
      weight,
    },
    { arbitrary: fc.constant<Body>({ kind: 'empty' }), weight },
  ];
}

function ndjsonBodies(o: ArbitraryOptions): fc.Arbitrary<Body> {
  const valid = schemaArbitrary(TaskInput as JsonSchema, o);
  const line = fc.oneof(
    { arbitrary: valid.map((v) => JSON.stringify(v)), weight: 3 },
    { arbitrary: mutated(valid).map((v) => JSON.stringify(v)), weight: 3 },
    { arbitrary: hostileValue.map((v) => JSON.stringify(v)), weight: 1 },
    { arbitrary: valid.chain((v) => jsonTextTricks(JSON.stringify(v))), weight: 1 },
    {
      arbitrary: fc.constantFrom('', '\r', '\uFEFF{}', `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
      weight: 1,
    },
  );
  const bytes = fc
    .tuple(
      fc.array(line, { minLength: 1, maxLength: 6 }),
      fc.constantFrom('\n', '\r\n'),
      garbageBytes,
      fc.boolean(),
    )
    .map(([lines, eol, junk, withJunk]) => {
      const text = Buffer.from(lines.map((l) => l.replace(/\n/g, ' ')).join(eol));
      return withJunk ? Buffer.concat([text, Buffer.from(eol), junk]) : text;
    });
  const types = fc.constantFrom(
    'application/x-ndjson',
    'application/jsonl',
    'application/x-ndjson; charset=utf-8',
  );
  return fc.oneof(
    {
      arbitrary: fc
        .tuple(bytes, types)
        .map(([payload, contentType]) => ({ kind: 'ndjson', contentType, payload })),
      weight: 6,
    },
    ...rawBodies(1),
  );
}

const PNG_HEAD = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
/** A zip local file header naming `../x.png`, with a lying size. */
const ZIP_HEAD = Buffer.from('504b0304140000000800000000000000000000ffffff08000000', 'hex');

/** Raw upload bytes (images, archives): random, behind a real magic number, or markup, under many types. */
function byteBodies(): fc.Arbitrary<Body> {
  const types = fc.constantFrom(
    'image/png',
    'image/jpeg',
    'image/webp',
    'image/gif',
    'image/svg+xml',
    'application/zip',
    'application/x-zip-compressed',
  );
  const bytes = fc.oneof(
    garbageBytes,
    fc
      .tuple(fc.constantFrom(PNG_HEAD, ZIP_HEAD), fc.uint8Array({ maxLength: 64 }))
      .map(([head, a]) => Buffer.concat([head, Buffer.from('../x.png'), Buffer.from(a)])),
    fc.constant(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>')),
  );
  return fc.oneof(
    {
      arbitrary: fc
        .tuple(bytes, types)
        .map(([payload, contentType]) => ({ kind: 'bytes', contentType, payload })),
      weight: 4,
    },
    ...rawBodies(1),
  );
}

function bodiesFor(kind: BodyKind, route: Route, o: ArbitraryOptions): fc.Arbitrary<Body> {
  switch (kind) {
    case 'json':
      return jsonBodies(route.body as JsonSchema, o);
    case 'ndjson':
      return ndjsonBodies(o);
    case 'bytes':
      return byteBodies();
    case 'multipart':
      return fc.oneof({ arbitrary: multipartFuzzBodies(), weight: 4 }, ...rawBodies(1));
    case 'none':
      return fc.oneof({ arbitrary: fc.constant<Body>({ kind: 'no-body' }), weight: 4 }, ...rawBodies(1));
  }
}

/** Requests aimed at one operation, authenticated with `key`: valid, invalid, mutated and raw variants. */
export function requestArbitrary(
  route: Route,
  kind: BodyKind,
  key: string,
  o: ArbitraryOptions,
): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(partsArbitrary(route, o), bodiesFor(kind, route, o)).map(([parts, body]) => ({
    kind: body.kind,
    method: route.method,
    url: parts.query === '' ? parts.path : `${parts.path}?${parts.query}`,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body.contentType === undefined ? {} : { 'content-type': body.contentType }),
    },
    ...(body.payload === undefined ? {} : { payload: body.payload }),
  }));
}
