import type { AnnotatorRating, LabelValue } from '@tessera/metrics';
import { CliInputError } from '../cli-error';
import { readJsonl } from './read-jsonl';

/** One `{"item","annotator","label"}` line, with its line number for messages. */
export interface RatingLine extends AnnotatorRating {
  readonly line: number;
}

/** One `{"item","label"}` line. */
export interface ItemLabelLine {
  readonly item: string;
  readonly label: LabelValue;
  readonly line: number;
}

type Field = 'item' | 'annotator' | 'label';

/** Reads `{"item": string, "annotator": string, "label": string|number}` lines; empty input is bad input. */
export async function readRatingLines(path: string): Promise<RatingLine[]> {
  const rows: RatingLine[] = [];
  for await (const { line, value } of readJsonl(path)) {
    const o = fields(path, line, value, ['item', 'annotator', 'label']);
    rows.push({
      item: o.item as string,
      annotator: o.annotator as string,
      label: o.label as LabelValue,
      line,
    });
  }
  if (rows.length === 0) throw new CliInputError(`${path}: no labels`);
  return rows;
}

/** Reads `{"item", "label"}` lines keyed by item; a repeated item or empty input is bad input. */
export async function readItemLabels(path: string): Promise<Map<string, ItemLabelLine>> {
  const rows = new Map<string, ItemLabelLine>();
  for await (const { line, value } of readJsonl(path)) {
    const o = fields(path, line, value, ['item', 'label']);
    const item = o.item as string;
    const previous = rows.get(item);
    if (previous) {
      throw new CliInputError(
        `${path}:${line}: item ${JSON.stringify(item)} already on line ${previous.line}`,
      );
    }
    rows.set(item, { item, label: o.label as LabelValue, line });
  }
  if (rows.size === 0) throw new CliInputError(`${path}: no labels`);
  return rows;
}

/** Reads the `label` of every `{"label"}` line; empty input is bad input. */
export async function readLabels(path: string): Promise<LabelValue[]> {
  const labels: LabelValue[] = [];
  for await (const { line, value } of readJsonl(path))
    labels.push(fields(path, line, value, ['label']).label as LabelValue);
  if (labels.length === 0) throw new CliInputError(`${path}: no labels`);
  return labels;
}

/** An annotator labels an item at most once: a second (item, annotator) line is bad input. */
export function rejectDuplicateRatings(path: string, ratings: readonly RatingLine[]): void {
  const seen = new Map<string, Map<string, number>>();
  for (const r of ratings) {
    let byAnnotator = seen.get(r.item);
    if (!byAnnotator) {
      byAnnotator = new Map();
      seen.set(r.item, byAnnotator);
    }
    const first = byAnnotator.get(r.annotator);
    if (first !== undefined) {
      throw new CliInputError(
        `${path}:${r.line}: annotator ${JSON.stringify(r.annotator)} already labeled item ${JSON.stringify(r.item)} on line ${first}`,
      );
    }
    byAnnotator.set(r.annotator, r.line);
  }
}

/** Labels become JSON object keys in outputs, so a number and a string with the same text (1, "1") are refused. */
export function rejectAmbiguousLabels(labels: Iterable<LabelValue>): void {
  const byText = new Map<string, LabelValue>();
  for (const label of labels) {
    const text = String(label);
    const other = byText.get(text);
    if (other !== undefined && other !== label) {
      throw new CliInputError(
        `labels ${JSON.stringify(other)} and ${JSON.stringify(label)} differ only in type`,
      );
    }
    byText.set(text, label);
  }
}

/**
 * Resolves `--categories c1,c2,…` against the observed labels: a token names a string label with the same text or
 * a number label equal to Number(token). Tokens matching nothing are kept as unused categories (numbers when every
 * observed label is a number and the token is numeric, else strings). An observed label missing from the list,
 * or a repeated token, is bad input. Returns undefined without the flag.
 */
export function resolveCategories(
  flag: string | undefined,
  observed: readonly LabelValue[],
): LabelValue[] | undefined {
  if (flag === undefined) return undefined;
  const tokens = flag.split(',').map((t) => t.trim());
  if (tokens.some((t) => t === '')) throw new CliInputError('--categories has an empty entry');
  if (new Set(tokens).size !== tokens.length) throw new CliInputError('--categories repeats an entry');
  const distinct = [...new Set(observed)];
  const allNumbers = distinct.every((l) => typeof l === 'number');
  const categories = tokens.map((token) => {
    const matches = distinct.filter((l) => (typeof l === 'string' ? l === token : l === Number(token)));
    if (matches.length > 1)
      throw new CliInputError(`--categories entry ${JSON.stringify(token)} is ambiguous`);
    if (matches[0] !== undefined) return matches[0];
    return allNumbers && Number.isFinite(Number(token)) ? Number(token) : token;
  });
  const known = new Set(categories);
  const missing = distinct.find((l) => !known.has(l));
  if (missing !== undefined)
    throw new CliInputError(`label ${JSON.stringify(missing)} is not in --categories`);
  return categories;
}

function fields(path: string, line: number, value: unknown, names: readonly Field[]): Record<Field, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliInputError(`${path}:${line}: expected a JSON object`);
  }
  const o = value as Record<string, unknown>;
  for (const name of names) {
    const v = o[name];
    if (name === 'label') {
      if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) {
        throw new CliInputError(`${path}:${line}: "label" must be a string or a finite number`);
      }
    } else if (typeof v !== 'string') {
      throw new CliInputError(`${path}:${line}: "${name}" must be a string`);
    }
  }
  return o as Record<Field, unknown>;
}
