import { type Box, polygonBounds } from '@tessera/geometry';
import type { IrDataset, IrImage, IrObject, IrValue } from '../ir';
import { createIssueLog, type Issue } from '../issue';
import { createLossSummary, type LossSummary } from '../loss-summary';
import { objectsByImage } from '../objects-by-image';
import { xmlLeaf } from '../xml/xml-write';

export interface VocExportResult {
  readonly issues: readonly Issue[];
  /** One `Annotations/<stem>.xml` per image, produced lazily. */
  readonly files: () => Iterable<{ readonly path: string; readonly text: string }>;
}

function str(v: IrValue | undefined): string | undefined {
  return v === undefined ? undefined : String(v);
}

function bit(v: IrValue | undefined): string {
  return v === true || v === 1 || v === '1' ? '1' : '0';
}

function stem(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** 1-based inclusive integer corners: every edge within 0.5 px; a box under 1 px is widened to 1 px. */
function vocBox(box: Box, id: string, loss: LossSummary): [number, number, number, number] {
  const xmin = Math.round(box.x) + 1;
  const ymin = Math.round(box.y) + 1;
  const xmax = Math.round(box.x + box.w);
  const ymax = Math.round(box.y + box.h);
  if (xmax < xmin || ymax < ymin) loss.add('box_widened', 'a box under 1 px was widened to 1 px', id);
  return [xmin, ymin, Math.max(xmin, xmax), Math.max(ymin, ymax)];
}

/** CVAT's VOC flavour: `<attributes><attribute><name/><value/></attribute>…`. */
function attributeLines(o: IrObject): string[] {
  const attrs = Object.entries(o.attributes);
  if (attrs.length === 0) return [];
  const inner = attrs.flatMap(([k, v]) => [
    '      <attribute>',
    `        ${xmlLeaf('name', k)}`,
    `        ${xmlLeaf('value', String(v))}`,
    '      </attribute>',
  ]);
  return ['    <attributes>', ...inner, '    </attributes>'];
}

function objectXml(o: IrObject, name: string, loss: LossSummary): string[] | undefined {
  const ring = o.polygons?.[0];
  const box =
    o.box ?? (ring !== undefined && ring.length > 0 ? polygonBounds(o.polygons!.flat()) : undefined);
  if (box === undefined) {
    loss.add('object_dropped', 'VOC holds boxes only: object without a box or polygon dropped', o.id);
    return undefined;
  }
  if (o.box === undefined)
    loss.add('polygon_as_box', 'VOC holds boxes only: polygon written as its bounding box', o.id);
  if (o.rotation !== undefined && o.rotation !== 0)
    loss.add('rotation_dropped', 'VOC boxes are axis-aligned: rotation dropped', o.id);
  if (
    o.keypoints !== undefined ||
    o.points !== undefined ||
    o.polyline !== undefined ||
    o.mask !== undefined ||
    (o.box !== undefined && o.polygons !== undefined)
  )
    loss.add(
      'shape_dropped',
      'VOC holds boxes only: keypoints, points, polylines, masks and polygons dropped',
      o.id,
    );
  const [xmin, ymin, xmax, ymax] = vocBox(box, o.id, loss);
  const p = o.properties;
  const out = [
    '  <object>',
    `    ${xmlLeaf('name', name)}`,
    `    ${xmlLeaf('pose', str(p.pose) ?? 'Unspecified')}`,
    `    ${xmlLeaf('truncated', bit(p.truncated))}`,
    `    ${xmlLeaf('difficult', bit(p.difficult))}`,
  ];
  if (p.occluded !== undefined) out.push(`    ${xmlLeaf('occluded', bit(p.occluded))}`);
  out.push(
    '    <bndbox>',
    ...[
      ['xmin', xmin],
      ['ymin', ymin],
      ['xmax', xmax],
      ['ymax', ymax],
    ].map(([k, v]) => `      ${xmlLeaf(String(k), String(v))}`),
    '    </bndbox>',
  );
  out.push(...attributeLines(o));
  out.push('  </object>');
  return out;
}

function imageXml(
  image: IrImage,
  objects: readonly IrObject[],
  names: ReadonlyMap<string, string>,
  loss: LossSummary,
): string {
  const p = image.properties;
  const out = ['<annotation>'];
  if (p.folder !== undefined) out.push(`  ${xmlLeaf('folder', String(p.folder))}`);
  out.push(`  ${xmlLeaf('filename', image.fileName)}`);
  if (p.path !== undefined) out.push(`  ${xmlLeaf('path', String(p.path))}`);
  const source = (['database', 'annotation', 'image'] as const).filter((k) => p[`source/${k}`] !== undefined);
  if (source.length > 0)
    out.push(
      '  <source>',
      ...source.map((k) => `    ${xmlLeaf(k, String(p[`source/${k}`]))}`),
      '  </source>',
    );
  out.push(
    '  <size>',
    `    ${xmlLeaf('width', String(image.width))}`,
    `    ${xmlLeaf('height', String(image.height))}`,
    `    ${xmlLeaf('depth', str(p.depth) ?? '3')}`,
    '  </size>',
    `  ${xmlLeaf('segmented', str(p.segmented) ?? '0')}`,
  );
  for (const o of objects) out.push(...(objectXml(o, names.get(o.categoryId)!, loss) ?? []));
  out.push('</annotation>');
  return `${out.join('\n')}\n`;
}

/**
 * IR → Pascal VOC: one XML per image, boxes as 1-based inclusive integers (xmin = round(x) + 1, xmax =
 * round(x + w): every edge within 0.5 px). Polygons become their bounding box; what VOC cannot carry
 * (rotation, keypoints, masks, other properties) is listed as warnings.
 */
export function exportVoc(dataset: IrDataset): VocExportResult {
  const log = createIssueLog();
  const loss = createLossSummary();
  const names = new Map(dataset.categories.map((c) => [c.id, c.name]));
  const byImage = objectsByImage(dataset, log);
  if (dataset.categories.some((c) => c.id !== c.name))
    log.warn(
      'category_ids_dropped',
      'VOC names classes only: category ids are not written (a re-import uses the names)',
    );
  const known = new Set(['pose', 'truncated', 'difficult', 'occluded']);
  const dropped = new Set(
    dataset.objects.flatMap((o) => Object.keys(o.properties).filter((k) => !known.has(k))),
  );
  if (dropped.size > 0)
    log.warn('properties_dropped', `VOC has no object field for ${[...dropped].sort().join(', ')}: dropped`);
  const files = dataset.images.map((image) => ({
    path: `Annotations/${stem(image.fileName)}.xml`,
    text: imageXml(image, byImage.get(image.id) ?? [], names, loss),
  }));
  loss.flush(log);
  return { issues: log.issues, files: () => files };
}
