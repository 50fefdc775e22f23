import { describe, expect, it } from 'vitest';
import {
  EMPTY_PROGRESS,
  MAX_SHOWN_ERRORS,
  progressFraction,
  withBulkChunk,
  withErrors,
} from './upload-progress';

const error = (order: number) => ({ order, where: `line ${order}`, message: 'bad' });

describe('upload progress', () => {
  it('keeps the first errors by order and counts them all', () => {
    const many = Array.from({ length: 70 }, (_, i) => error(70 - i));
    const p = withErrors(withErrors(EMPTY_PROGRESS, many), [error(0)]);
    expect(p.errorCount).toBe(71);
    expect(p.errors).toHaveLength(MAX_SHOWN_ERRORS);
    expect(p.errors.map((e) => e.order).slice(0, 3)).toEqual([0, 1, 2]);
  });

  it('applies a bulk chunk: totals, local refusals, and invalid lines with their field errors', () => {
    const p = withBulkChunk(
      { ...EMPTY_PROGRESS, tasksTotal: 10 },
      {
        lines: 6,
        created: 3,
        duplicates: 1,
        invalid: 2,
        results: [
          { line: 2, outcome: 'duplicate', existing_task_id: 'tsk_1' },
          {
            line: 4,
            outcome: 'invalid',
            errors: [
              { pointer: '/priority', message: 'must be integer', code: 'invalid' },
              { pointer: '', message: 'malformed JSON', code: 'invalid_json' },
            ],
          },
          { line: 5, outcome: 'invalid' },
        ],
      },
      1,
      (line) => ({ order: line + 1, where: `line ${line + 1}` }),
    );
    expect(p).toMatchObject({ tasksDone: 6, created: 3, duplicates: 1, invalid: 3, errorCount: 2 });
    expect(p.errors).toEqual([
      { order: 5, where: 'line 5', message: '/priority: must be integer; /: malformed JSON' },
      { order: 6, where: 'line 6', message: 'invalid' },
    ]);
    expect(progressFraction(p)).toBeCloseTo(0.6);
  });

  it('measures images by files and tasks, and NDJSON by bytes', () => {
    // 4 images, 1 failed to upload (so 3 tasks expected), 3 files done, 2 tasks stored
    const images = { ...EMPTY_PROGRESS, filesTotal: 4, tasksTotal: 3, filesDone: 3, filesFailed: 1 };
    expect(progressFraction({ ...images, tasksDone: 2 })).toBeCloseTo(5 / 7);
    expect(progressFraction({ ...images, filesDone: 4, tasksDone: 3 })).toBe(1);
    expect(progressFraction({ ...EMPTY_PROGRESS, bytesDone: 25, bytesTotal: 100 })).toBe(0.25);
    expect(progressFraction(EMPTY_PROGRESS)).toBe(0);
  });
});
