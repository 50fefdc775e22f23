import type { BulkLineResult } from '@tessera/schema';
import type { Static } from 'typebox';

export type LineResult = Static<typeof BulkLineResult>;
export type LineError = NonNullable<LineResult['errors']>[number];

/** The response of a bulk upload: exact counts, and per-line results for every line not simply created. */
export interface BulkSummary {
  readonly created: number;
  readonly duplicates: number;
  readonly invalid: number;
  /**
   * Invalid and duplicate lines (and created ones with `results=all`), in line order, at most `maxResults`:
   * when `results.length` is below the sum of the counts it was cut there.
   */
  readonly results: LineResult[];
}

export interface BulkReport {
  created(line: number, taskId: string): void;
  duplicate(line: number, existingTaskId: string): void;
  invalid(line: number, errors: readonly LineError[]): void;
  /** Counts so far (for errors raised mid-stream: what was already committed stays). */
  progress(): { created: number; duplicates: number; invalid: number };
  summary(): BulkSummary;
}

/**
 * Collects per-line outcomes. Created lines are only counted unless `includeCreated`; at most `maxResults`
 * entries are kept so a huge all-invalid or all-duplicate upload cannot grow the response without bound.
 */
export function createBulkReport(options: { includeCreated: boolean; maxResults: number }): BulkReport {
  let created = 0;
  let duplicates = 0;
  let invalid = 0;
  const results: LineResult[] = [];
  const keep = (r: LineResult) => {
    if (results.length < options.maxResults) results.push(r);
  };
  return {
    created(line, taskId) {
      created++;
      if (options.includeCreated) keep({ line, outcome: 'created', task_id: taskId });
    },
    duplicate(line, existingTaskId) {
      duplicates++;
      keep({ line, outcome: 'duplicate', existing_task_id: existingTaskId });
    },
    invalid(line, errors) {
      invalid++;
      keep({ line, outcome: 'invalid', errors: [...errors] });
    },
    progress: () => ({ created, duplicates, invalid }),
    summary: () => ({ created, duplicates, invalid, results }),
  };
}
