import fc from 'fast-check';
import { type FormPart, formBody, TEST_BOUNDARY } from './multipart-test-kit';

/** A fuzz body for `POST /v1/assets/form` (F4): what `f4-requests.ts` sends with its content type. */
export interface FuzzFormBody {
  readonly kind: string;
  readonly contentType: string;
  readonly payload: Buffer;
}

const PNG_HEAD = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
/** A whole 2×1 PNG, so some inputs pass every check and are stored. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADElEQVR42mP4zwACAAYBAQBBCI/xAAAAAElFTkSuQmCC',
  'base64',
);

const partArbitrary: fc.Arbitrary<FormPart> = fc.record(
  {
    field: fc.oneof(
      { arbitrary: fc.constant('file'), weight: 6 },
      { arbitrary: fc.constantFrom(null, '', 'org_id', '__proto__', 'file[]', 'FILE'), weight: 1 },
      { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    ),
    filename: fc.oneof(
      fc.constantFrom('a.png', 'b.jpg', '../../x.png', 'C:\\x\\y.webp', '', '%22.png', 'é.png'),
      fc.string({ maxLength: 20 }),
    ),
    type: fc.constantFrom(
      'image/png',
      'image/jpeg',
      'image/webp',
      'image/gif',
      'text/html',
      'IMAGE/PNG; x=1',
    ),
    headers: fc.array(
      fc.constantFrom('Content-Transfer-Encoding: base64', 'X-A: b', 'Content-Length: 99999999', 'no colon'),
      { maxLength: 2 },
    ),
    data: fc.oneof(
      { arbitrary: fc.constant(PNG), weight: 3 },
      {
        arbitrary: fc.uint8Array({ maxLength: 96 }).map((a) => Buffer.concat([PNG_HEAD, Buffer.from(a)])),
        weight: 2,
      },
      { arbitrary: fc.uint8Array({ maxLength: 96 }).map((a) => Buffer.from(a)), weight: 1 },
      // The boundary inside a part's data: the part ends there, and what follows is a header block.
      {
        arbitrary: fc.constant(Buffer.from(`\r\n--${TEST_BOUNDARY}\r\n<svg onload="x()"></svg>`)),
        weight: 1,
      },
    ),
  },
  { requiredKeys: ['data'] },
);

/**
 * Multipart bodies, well formed or broken the ways hand-written and hostile clients break them: no closing
 * delimiter, cut anywhere, junk around it, another boundary (or none) in the Content-Type, a wrong media type.
 */
export function multipartFuzzBodies(): fc.Arbitrary<FuzzFormBody> {
  return fc
    .tuple(
      fc.array(partArbitrary, { maxLength: 4 }),
      fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
      fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.nat(), weight: 1 }),
      fc.uint8Array({ maxLength: 16 }),
      fc.oneof(
        { arbitrary: fc.constant(`multipart/form-data; boundary=${TEST_BOUNDARY}`), weight: 6 },
        fc.constant(`multipart/form-data; boundary="${TEST_BOUNDARY}"`),
        fc.constant(`Multipart/Form-Data; charset=utf-8; boundary=${TEST_BOUNDARY}`),
        fc.constantFrom(
          'multipart/form-data; boundary=other',
          'multipart/form-data',
          'multipart/form-data; boundary=',
          `multipart/mixed; boundary=${TEST_BOUNDARY}`,
        ),
      ),
    )
    .map(([parts, close, cut, junk, contentType]) => {
      const whole = formBody(parts, { close }).body;
      const body = cut === null ? whole : whole.subarray(0, cut % (whole.length + 1));
      return { kind: 'multipart', contentType, payload: Buffer.concat([body, Buffer.from(junk)]) };
    });
}
