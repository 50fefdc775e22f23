import { describe, expect, it } from 'vitest';
import * as formats from './index';

describe('@tessera/formats public API', () => {
  it('exports every converter and reader, and no internal helper', () => {
    const functions = [
      'importCoco',
      'exportCoco',
      'streamCoco',
      'decodeCocoRle',
      'encodeCocoRle',
      'importYolo',
      'exportYolo',
      'yoloLabelPath',
      'parseDataYaml',
      'writeDataYaml',
      'importVoc',
      'exportVoc',
      'importCvat',
      'exportCvat',
      'cvatNumber',
      'importLabelStudio',
      'exportLabelStudio',
      'importLabelStudioMin',
      'exportLabelStudioMin',
      'parseXml',
      'canonicalXml',
      'parseJson',
      'writeJson',
      'canonicalJson',
      'textChunks',
      'readAllText',
    ];
    for (const name of functions)
      expect(typeof (formats as Record<string, unknown>)[name], name).toBe('function');
    expect(typeof formats.FormatError).toBe('function');
    expect(typeof formats.JsonRecordScanner).toBe('function');
    for (const internal of [
      'readCocoAnnotation',
      'checkAgainstImage',
      'integerIds',
      'createIssueLog',
      'regionResult',
      'PLACEHOLDER',
    ])
      expect(internal in formats, internal).toBe(false);
  });

  it('converts between formats through the IR, listing what the target cannot carry', async () => {
    const cvat = `<annotations><version>1.1</version><meta><task><labels><label><name>car</name><type>any</type><attributes/></label></labels></task></meta>
      <image id="0" name="a.jpg" width="100" height="50"><box label="car" occluded="0" xtl="10" ytl="5" xbr="30.5" ybr="25" rotation="10"/>
      <polyline label="car" points="1,1;2,2"/></image></annotations>`;
    const r = await formats.importCvat(cvat);
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    const coco = formats.exportCoco(r.dataset);
    expect(coco.issues.map((i) => i.code)).toEqual([
      'ids_assigned',
      'ids_assigned',
      'extra_dropped',
      'rotation_dropped',
      'shape_unsupported',
    ]);
    const back = await formats.importCoco([...coco.chunks()].join(''));
    if (!back.ok) expect.fail(JSON.stringify(back.issues));
    expect(back.dataset.objects.map((o) => o.box)).toEqual([{ x: 10, y: 5, w: 20.5, h: 20 }]);
    const voc = formats.exportVoc(back.dataset);
    expect([...voc.files()][0]!.text).toContain('<xmin>11</xmin>');
  });
});
