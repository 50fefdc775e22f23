import type { Point } from '@tessera/geometry';
import { integerIds } from '../id-map';
import type { ExportResult, IrCategory, IrDataset, IrObject, IrValue } from '../ir';
import { createIssueLog } from '../issue';
import { createLossSummary, type LossSummary } from '../loss-summary';
import { coord, coordText } from '../number-text';
import { objectsByImage } from '../objects-by-image';
import { xmlFromJson } from '../xml/xml-json';
import type { XmlElement } from '../xml/xml-node';
import { writeXmlElement, xmlTag } from '../xml/xml-write';
import { labelXml, specsFor } from './cvat-labels';

/** CVAT writes two decimals: kept when they are exact, else 12 significant digits (F1: ≤ 1e-6 relative). */
export function cvatNumber(v: number): string {
  const r = coord(v);
  return Math.abs(r * 100 - Math.round(r * 100)) < 1e-7 ? r.toFixed(2) : coordText(v);
}

function pointsText(pts: readonly Point[]): string {
  return pts.map((p) => `${cvatNumber(p.x)},${cvatNumber(p.y)}`).join(';');
}

function shapeXml(o: IrObject, label: string, loss: LossSummary): string[] {
  const p = o.properties;
  const common: [string, string | undefined][] = [
    ['label', label],
    ['source', p.source === undefined ? 'manual' : String(p.source)],
    ['occluded', p.occluded === true || p.occluded === 1 ? '1' : '0'],
  ];
  const tail: [string, string | undefined][] = [
    ['z_order', p.z_order === undefined ? '0' : String(p.z_order)],
    ['group_id', p.group_id === undefined ? undefined : String(p.group_id)],
  ];
  const attrs = Object.entries(o.attributes).map(
    ([k, v]) => `      ${xmlTag('attribute', [['name', k]])}${escapeValue(v)}</attribute>`,
  );
  const element = (name: string, geometry: [string, string | undefined][]) =>
    attrs.length === 0
      ? [`    ${xmlTag(name, [...common, ...geometry, ...tail])}`.replace(/>$/, `></${name}>`)]
      : [`    ${xmlTag(name, [...common, ...geometry, ...tail])}`, ...attrs, `    </${name}>`];
  const out: string[] = [];
  if (o.box !== undefined) {
    const b = o.box;
    const rot = o.rotation !== undefined && o.rotation !== 0 ? cvatNumber(o.rotation) : undefined;
    out.push(
      ...element('box', [
        ['xtl', cvatNumber(b.x)],
        ['ytl', cvatNumber(b.y)],
        ['xbr', cvatNumber(b.x + b.w)],
        ['ybr', cvatNumber(b.y + b.h)],
        ['rotation', rot],
      ]),
    );
  }
  for (const ring of o.polygons ?? []) out.push(...element('polygon', [['points', pointsText(ring)]]));
  if (o.polyline !== undefined) out.push(...element('polyline', [['points', pointsText(o.polyline)]]));
  if (o.points !== undefined) out.push(...element('points', [['points', pointsText(o.points)]]));
  if (o.keypoints !== undefined) {
    const shown = o.keypoints.filter((k) => k.v > 0);
    if (shown.length > 0) out.push(...element('points', [['points', pointsText(shown)]]));
    loss.add(
      'keypoints_as_points',
      'keypoints written as one <points> shape (names and visibility lost)',
      o.id,
    );
  }
  if (o.mask !== undefined) loss.add('mask_dropped', 'masks are not written to CVAT XML', o.id);
  if (
    (o.box !== undefined ? 1 : 0) + (o.polygons?.length ?? 0) + (o.polyline ? 1 : 0) + (o.points ? 1 : 0) >
    1
  )
    loss.add('object_split', 'an object with several shapes is written as several CVAT shapes', o.id);
  return out;
}

function escapeValue(v: IrValue): string {
  return String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function metaXml(dataset: IrDataset, labels: string[]): string[] {
  const kept = xmlFromJson(dataset.extras['cvat:meta']);
  if (kept === undefined) {
    return [
      '  <meta>',
      '    <task>',
      `      ${xmlTag('size')}${dataset.images.length}</size>`,
      '      <mode>annotation</mode>',
      '      <labels>',
      ...labels.map((l) => `    ${l}`),
      '      </labels>',
      '    </task>',
      '  </meta>',
    ];
  }
  const placeholder: XmlElement = {
    name: 'tessera-labels-here',
    attributes: [],
    children: [],
    line: 0,
    column: 0,
  };
  let replaced = false;
  const swap = (e: XmlElement): XmlElement => ({
    ...e,
    children: e.children.map((c) => {
      if (typeof c === 'string') return c;
      if (c.name === 'labels' && !replaced) {
        replaced = true;
        return placeholder;
      }
      return swap(c);
    }),
  });
  const text = writeXmlElement(swap(kept), '  ');
  return text
    .split('\n')
    .flatMap((line) =>
      line.trim() === '<tessera-labels-here/>' ? ['      <labels>', ...labels, '      </labels>'] : [line],
    );
}

/**
 * IR → "CVAT for images 1.1" XML. Labels are the categories, with their attribute declarations (plus a
 * declaration for each undeclared attribute, typed from its values, so a re-import restores the types);
 * `<meta>` is the one kept from a CVAT import, else a minimal task. Coordinates keep CVAT's two decimals when
 * exact, else 12 significant digits. Keypoints become `<points>`; masks are dropped (warnings).
 */
export function exportCvat(dataset: IrDataset): ExportResult {
  const log = createIssueLog();
  const loss = createLossSummary();
  const names = new Map(dataset.categories.map((c) => [c.id, c.name]));
  const seen = new Map<string, Map<string, IrValue>>();
  for (const o of dataset.objects) {
    const m = seen.get(o.categoryId) ?? new Map<string, IrValue>();
    for (const [k, v] of Object.entries(o.attributes)) if (!m.has(k)) m.set(k, v);
    seen.set(o.categoryId, m);
  }
  const labels = dataset.categories.flatMap((c: IrCategory) =>
    labelXml(c, specsFor(c, seen.get(c.id) ?? new Map()), '        '),
  );
  const byImage = objectsByImage(dataset, log);
  const dropped = new Set(
    dataset.objects.flatMap((o) =>
      Object.keys(o.properties).filter((k) => !['occluded', 'source', 'z_order', 'group_id'].includes(k)),
    ),
  );
  if (dropped.size > 0)
    log.warn(
      'properties_dropped',
      `CVAT shapes have no field for ${[...dropped].sort().join(', ')}: dropped`,
    );
  const head = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<annotations>',
    '  <version>1.1</version>',
    ...metaXml(dataset, labels),
  ];
  const imageIds = integerIds(
    dataset.images.map((i) => i.id),
    'image',
    log,
  );
  const images = dataset.images.map((image) => {
    const extra = Object.entries(image.properties).map(([k, v]): [string, string] => [k, String(v)]);
    const shapes = (byImage.get(image.id) ?? []).flatMap((o) => shapeXml(o, names.get(o.categoryId)!, loss));
    const open = xmlTag('image', [
      ['id', String(imageIds.get(image.id))],
      ['name', image.fileName],
      ['width', String(image.width)],
      ['height', String(image.height)],
      ...extra,
    ]);
    return `  ${open}\n${shapes.map((s) => `${s}\n`).join('')}  </image>\n`;
  });
  loss.flush(log);
  return {
    issues: log.issues,
    chunks: function* () {
      yield `${head.join('\n')}\n`;
      yield* images;
      yield '</annotations>\n';
    },
  };
}
