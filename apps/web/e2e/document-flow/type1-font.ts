/**
 * A minimal embedded Type 1 font program (Adobe Type 1 Font Format, chapters 6–7) with one glyph, `F`, drawn
 * as a filled rectangle, for the FontMatrix fixture. Its clear-text header deliberately has no `/FontMatrix`,
 * so a reader takes the matrix from the PDF font dictionary: the place CVE-2024-4367 injected into.
 */

/** Charstring command codes used here. */
const HSBW = 13;
const RMOVETO = 21;
const RLINETO = 5;
const CLOSEPATH = 9;
const ENDCHAR = 14;

/** The Type 1 number encoding of a charstring operand. */
function operand(v: number): number[] {
  if (v >= -107 && v <= 107) return [v + 139];
  if (v >= 108 && v <= 1131) return [((v - 108) >> 8) + 247, (v - 108) & 0xff];
  if (v >= -1131 && v <= -108) return [((-v - 108) >> 8) + 251, (-v - 108) & 0xff];
  return [255, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

const op = (code: number, ...args: number[]): number[] => [...args.flatMap(operand), code];

/** Type 1 encryption (chapter 7): eexec uses key 55665, charstrings 4330. */
function encrypt(plain: Uint8Array, key: number): Uint8Array {
  const out = new Uint8Array(plain.length);
  let r = key;
  for (let i = 0; i < plain.length; i++) {
    const c = (plain[i] ?? 0) ^ (r >> 8);
    out[i] = c;
    r = ((c + r) * 52845 + 22719) & 0xffff;
  }
  return out;
}

/** An encrypted charstring with the usual four leading bytes (`lenIV` 4). */
function charstring(commands: readonly number[][]): Uint8Array {
  return encrypt(Uint8Array.from([0, 0, 0, 0, ...commands.flat()]), 4330);
}

/** `.notdef`: advance 500, no outline. */
const NOTDEF = charstring([op(HSBW, 0, 500), op(ENDCHAR)]);
/** `F`: a 500 × 700 unit box (a solid block is easy to see on the rendered page). */
const F_GLYPH = charstring([
  op(HSBW, 50, 600),
  op(RMOVETO, 0, 0),
  op(RLINETO, 500, 0),
  op(RLINETO, 0, 700),
  op(RLINETO, -500, 0),
  op(CLOSEPATH),
  op(ENDCHAR),
]);

const latin1 = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'latin1'));
const concat = (parts: readonly Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));

function privatePart(): Uint8Array {
  const glyph = (name: string, data: Uint8Array): Uint8Array[] => [
    latin1(`/${name} ${data.length} RD `),
    data,
    latin1(' ND\n'),
  ];
  return concat([
    Uint8Array.from([0, 0, 0, 0]),
    latin1(
      'dup /Private 8 dict dup begin\n' +
        '/RD {string currentfile exch readstring pop} executeonly def\n' +
        '/ND {noaccess def} executeonly def\n' +
        '/NP {noaccess put} executeonly def\n' +
        '/lenIV 4 def\n/password 5839 def\n/MinFeature {16 16} def\n' +
        '/CharStrings 2 dict dup begin\n',
    ),
    ...glyph('.notdef', NOTDEF),
    ...glyph('F', F_GLYPH),
    latin1('end\nend\nreadonly put\nnoaccess put\ndup /FontName get exch definefont pop\n'),
    latin1('mark currentfile closefile\n'),
  ]);
}

/** The font file and the three lengths its `/FontFile` stream dictionary needs. */
export interface Type1Program {
  readonly bytes: Uint8Array;
  readonly length1: number;
  readonly length2: number;
  readonly length3: number;
}

export function type1Program(fontName: string): Type1Program {
  const clear = latin1(
    '%!PS-AdobeFont-1.0: ' +
      `${fontName} 001.000\n` +
      '10 dict begin\n' +
      `/FontName /${fontName} def\n` +
      '/FontType 1 def\n/PaintType 0 def\n' +
      '/FontBBox {0 0 600 700} readonly def\n' +
      '/Encoding StandardEncoding def\n' +
      'currentdict end\ncurrentfile eexec\n',
  );
  const secret = encrypt(privatePart(), 55665);
  // The customary 512 zeros (eight lines of 64) and `cleartomark` after the encrypted part.
  const zeros = `${'0'.repeat(64)}\n`.repeat(8);
  const trailer = latin1(`${zeros}cleartomark\n`);
  return {
    bytes: concat([clear, secret, trailer]),
    length1: clear.length,
    length2: secret.length,
    length3: trailer.length,
  };
}
