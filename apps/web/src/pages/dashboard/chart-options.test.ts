import type { ClassAgreementDto, StageCountsDto } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { agreementOption, progressOption, queueOption } from './chart-options';
import { addSample } from './use-queue-history';

const stages: StageCountsDto = {
  staging: 0,
  paused: 0,
  queued: 7,
  labeling: 2,
  review: 0,
  gold: 4,
  completed: 11,
  canceled: 0,
  dead: 1,
};

describe('dashboard charts', () => {
  it('stacks the non-empty stages in workflow order, gold left out', () => {
    const series = progressOption(stages).series as { name: string; data: number[]; stack: string }[];
    expect(series.map((s) => [s.name, s.data[0]])).toEqual([
      ['Completed', 11],
      ['Labeling', 2],
      ['Queued', 7],
      ['Dead-lettered', 1],
    ]);
    expect(new Set(series.map((s) => s.stack))).toEqual(new Set(['stages']));
  });

  it('plots agreement in percent for classes that have a value', () => {
    const classes: ClassAgreementDto[] = [
      { class_id: 'car', labels: 3, scored: 3, mean_agreement: 0.8123 },
      { class_id: 'person', labels: 1, scored: 0, mean_agreement: null },
    ];
    const option = agreementOption(classes);
    expect((option.xAxis as { data: string[] }).data).toEqual(['car']);
    expect((option.series as { data: number[] }[])[0]?.data).toEqual([81.2]);
  });

  it('keeps the newest queue samples and skips a repeated poll', () => {
    let samples = [{ at: 1, queued: 5, inFlight: 1 }];
    samples = addSample(samples, { at: 1, queued: 5, inFlight: 1 }, 2);
    samples = addSample(samples, { at: 2, queued: 4, inFlight: 2 }, 2);
    samples = addSample(samples, { at: 3, queued: 3, inFlight: 2 }, 2);
    expect(samples.map((s) => s.at)).toEqual([2, 3]);
    const series = queueOption(samples).series as { name: string; data: number[] }[];
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['Queued', [4, 3]],
      ['In flight', [2, 2]],
    ]);
  });
});
