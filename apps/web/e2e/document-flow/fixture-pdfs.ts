import { buildPdf, type PdfObject, pdfString } from './pdf-writer';
import { type1Program } from './type1-font';

/** The global the FontMatrix fixture's injected code would set if the viewer evaluated it. */
export const SENTINEL = '__pdfPwned';

/** The largest page the PDF specification allows (14,400 units of 1/72 in, i.e. 200 in). */
export const MAX_PAGE_SIDE_PT = 14_400;

const catalog = '<< /Type /Catalog /Pages 2 0 R >>';

/**
 * CVE-2024-4367 (GHSA-wgrm-67xf-hhpq) in the style of the published proof of concept: a Type 1 font whose
 * embedded program has no matrix of its own, and whose PDF font dictionary's `/FontMatrix` ends with a
 * string instead of a number. PDF.js before 4.2.67 pasted the matrix into the source of a glyph-drawing
 * function built with `new Function` (when eval was allowed), so `1); window.__pdfPwned = 1; (0` became code.
 * The page also paints a blue band and the glyph `F` (a solid black box) in fill mode, then draws it in
 * text-render mode 7 (add to clipping path), which makes a renderer trace glyph outlines as paths: the path
 * that ran the injected code.
 */
export function fontMatrixInjectionPdf(): Uint8Array {
  const font = type1Program('TesseraBox');
  const payload = pdfString(`1); window.${SENTINEL} = 1; (0`);
  const content = [
    '0.18 0.42 0.85 rg 72 560 468 160 re f',
    '0 g BT /F1 48 Tf 72 420 Td (FFF) Tj ET',
    'q BT 7 Tr /F1 48 Tf 72 300 Td (F) Tj ET Q',
  ].join('\n');
  const objects: PdfObject[] = [
    catalog,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> ' +
      '/Contents 4 0 R >>',
    { dict: '', data: content },
    '<< /Type /Font /Subtype /Type1 /BaseFont /TesseraBox /FirstChar 70 /LastChar 70 /Widths [600] ' +
      `/FontDescriptor 6 0 R /FontMatrix [1 2 3 4 5 ${payload}] >>`,
    '<< /Type /FontDescriptor /FontName /TesseraBox /Flags 4 /FontBBox [0 0 600 700] /ItalicAngle 0 ' +
      '/Ascent 700 /Descent 0 /CapHeight 700 /StemV 80 /FontFile 7 0 R >>',
    {
      dict: `/Length1 ${font.length1} /Length2 ${font.length2} /Length3 ${font.length3}`,
      data: font.bytes,
    },
  ];
  return buildPdf(objects);
}

/**
 * `pages` Letter pages that all draw the same content stream (object 3), so 10,000 pages stay about
 * 500 KB: a flat page tree whose page objects inherit their MediaBox from it.
 */
export function manyPagesPdf(pages: number): Uint8Array {
  const firstPage = 4;
  const kids = Array.from({ length: pages }, (_, i) => `${firstPage + i} 0 R`).join(' ');
  const objects: PdfObject[] = [
    catalog,
    `<< /Type /Pages /MediaBox [0 0 612 792] /Kids [${kids}] /Count ${pages} >>`,
    { dict: '', data: '0.85 0.2 0.2 rg 72 72 468 648 re f\n1 1 1 rg 144 144 324 504 re f' },
    ...Array.from({ length: pages }, () => '<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>'),
  ];
  return buildPdf(objects);
}

/** One page of the largest size PDF allows (14,400 × 14,400 pt), painted in four colored quadrants. */
export function hugePagePdf(): Uint8Array {
  const half = MAX_PAGE_SIDE_PT / 2;
  const quadrants = [
    `0.9 0.3 0.2 rg 0 0 ${half} ${half} re f`,
    `0.2 0.6 0.3 rg ${half} 0 ${half} ${half} re f`,
    `0.2 0.4 0.9 rg 0 ${half} ${half} ${half} re f`,
    `0.9 0.8 0.2 rg ${half} ${half} ${half} ${half} re f`,
  ].join('\n');
  return buildPdf([
    catalog,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${MAX_PAGE_SIDE_PT} ${MAX_PAGE_SIDE_PT}] /Contents 4 0 R >>`,
    { dict: '', data: quadrants },
  ]);
}

/** A PDF header followed by bytes that are no PDF at all (no objects, no cross-reference table). */
export function corruptPdf(): Uint8Array {
  const body = 'These bytes were cut off in transit; no object or trailer follows.\n'.repeat(40);
  return new Uint8Array(Buffer.from(`%PDF-1.7\n${body}`, 'latin1'));
}
