import type { ItemInput, TaskInput } from '@tessera/schema';
import { type CsvRecord, parseCsv } from './csv';
import type { TaskDefaults } from './task-defaults';

/** One data row: the task it becomes, or why it cannot; `line` is the file line the row starts on. */
export type CsvEntry =
  | { readonly line: number; readonly input: TaskInput }
  | { readonly line: number; readonly error: string };

export interface CsvTasks {
  /** The header's problem (no data can be read); null when the header is usable. */
  readonly headerError: string | null;
  readonly entries: readonly CsvEntry[];
}

/** Columns with a meaning; every other column goes into the task's `metadata` under its header name. */
const URI_COLUMNS = ['uri', 'image_url'];
const KNOWN = new Set([
  ...URI_COLUMNS,
  'text',
  'unique_id',
  'priority',
  'instruction',
  'type',
  'width',
  'height',
]);

type Row = ReadonlyMap<string, string>;

function integer(row: Row, column: string, min: number, max: number): number | undefined | string {
  const raw = row.get(column);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= min && n <= max
    ? n
    : `${column} must be a whole number from ${min} to ${max}, got "${raw}"`;
}

function itemOf(row: Row, defaults: TaskDefaults): ItemInput | string {
  const uri = URI_COLUMNS.map((c) => row.get(c)).find((v) => v !== undefined);
  const text = row.get('text');
  if (uri === undefined && text === undefined) return 'the row has neither a uri (or image_url) nor a text';
  const width = integer(row, 'width', 1, 1_000_000);
  const height = integer(row, 'height', 1, 1_000_000);
  if (typeof width === 'string') return width;
  if (typeof height === 'string') return height;
  return {
    media_type: text === undefined ? defaults.mediaType : 'text',
    ...(uri === undefined ? {} : { uri }),
    ...(text === undefined ? {} : { text, length: text.length }),
    ...(width === undefined ? {} : { width }),
    ...(height === undefined ? {} : { height }),
  };
}

function taskOf(row: Row, defaults: TaskDefaults): TaskInput | string {
  const item = itemOf(row, defaults);
  if (typeof item === 'string') return item;
  const priority = integer(row, 'priority', -1_000_000, 1_000_000);
  if (typeof priority === 'string') return priority;
  const metadata: Record<string, string> = {};
  for (const [column, value] of row) if (!KNOWN.has(column)) metadata[column] = value;
  const uniqueId = row.get('unique_id');
  const instruction = row.get('instruction');
  return {
    type: row.get('type') ?? defaults.type,
    item,
    ...(uniqueId === undefined ? {} : { unique_id: uniqueId }),
    ...(priority === undefined ? {} : { priority }),
    ...(instruction === undefined ? {} : { instruction }),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}

function headerOf(record: CsvRecord | undefined): string[] | string {
  if (record === undefined) return 'the file is empty';
  const names = record.cells.map((c) => c.trim().toLowerCase());
  const blank = names.indexOf('');
  if (blank !== -1) return `column ${blank + 1} of the header has no name`;
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) return `the header names column "${repeated}" twice`;
  if (!names.some((n) => URI_COLUMNS.includes(n) || n === 'text')) {
    return 'the header needs a uri (or image_url) or a text column';
  }
  return names;
}

/**
 * CSV rows → task inputs. The first row names the columns: `uri` or `image_url` and/or `text` (the item),
 * optional `unique_id`, `priority`, `instruction`, `type`, `width`, `height`; any other column becomes a
 * metadata field. Empty cells are left out. Rows that cannot become a task are reported, not dropped silently.
 */
export function csvTasks(text: string, defaults: TaskDefaults): CsvTasks {
  const [first, ...records] = parseCsv(text);
  const header = headerOf(first);
  if (typeof header === 'string') return { headerError: header, entries: [] };
  const entries = records.flatMap((record): CsvEntry[] => {
    if (record.cells.every((c) => c.trim() === '')) return [];
    if (record.cells.length !== header.length) {
      const error = `the row has ${record.cells.length} cells, the header has ${header.length}`;
      return [{ line: record.line, error }];
    }
    const row = new Map<string, string>();
    header.forEach((name, i) => {
      const cell = record.cells[i]?.trim() ?? '';
      if (cell !== '') row.set(name, cell);
    });
    const task = taskOf(row, defaults);
    return [
      typeof task === 'string' ? { line: record.line, error: task } : { line: record.line, input: task },
    ];
  });
  return { headerError: null, entries };
}
