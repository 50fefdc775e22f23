// Public API of @tessera/formats: pure converters between interchange formats and the IR (formats.md).
// No I/O: importers take text, bytes or (async) chunk iterables; exporters return lazily produced text.

export * from './coco/coco-export';
export * from './coco/coco-import';
export { decodeCocoRle, encodeCocoRle, MAX_RLE_PIXELS, type RleEncoding } from './coco/coco-rle';
export * from './coco/coco-stream';
export * from './cvat/cvat-export';
export * from './cvat/cvat-import';
export * from './format-error';
export * from './ir';
export type { Issue, Position } from './issue';
export { canonicalJson } from './json/canonical-json';
export { parseJson } from './json/json-parse';
export { type JsonRecord, JsonRecordScanner, type JsonScanLimits } from './json/json-records';
export type { JsonArray, JsonObject, JsonValue } from './json/json-value';
export { writeJson } from './json/json-write';
export * from './label-studio/ls-export';
export { importLabelStudio, type LabelStudioImportOptions } from './label-studio/ls-import';
export * from './label-studio/ls-min-export';
export * from './label-studio/ls-min-import';
export * from './text-source';
export * from './voc/voc-export';
export * from './voc/voc-import';
export { canonicalXml } from './xml/canonical-xml';
export type { XmlElement } from './xml/xml-node';
export { parseXml, type XmlLimits } from './xml/xml-reader';
export { parseDataYaml, writeDataYaml, type YoloDataYaml } from './yolo/data-yaml';
export * from './yolo/yolo-export';
export * from './yolo/yolo-import';
