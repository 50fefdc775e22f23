import type { ClassAgreementDto, StageCountsDto, ThroughputBucketDto } from '@tessera/schema';
import type { ChartOption } from '../../components/chart';
import { bucketLabel, clockTime } from './format';

/** Stages in the order work moves through them, with their colours (gold tasks never complete: left out). */
export const PROGRESS_STAGES: readonly { key: keyof StageCountsDto; label: string; color: string }[] = [
  { key: 'completed', label: 'Completed', color: '#2b8a3e' },
  { key: 'review', label: 'In review', color: '#7048e8' },
  { key: 'labeling', label: 'Labeling', color: '#1c7ed6' },
  { key: 'queued', label: 'Queued', color: '#74c0fc' },
  { key: 'staging', label: 'Staging', color: '#ced4da' },
  { key: 'paused', label: 'Paused', color: '#adb5bd' },
  { key: 'dead', label: 'Dead-lettered', color: '#c92a2a' },
  { key: 'canceled', label: 'Canceled', color: '#495057' },
];

const GRID = { left: 48, right: 16, top: 36, bottom: 28, containLabel: true } as const;

/** One horizontal bar, stacked by stage. */
export function progressOption(stages: StageCountsDto): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'item' },
    legend: { top: 0, type: 'plain' },
    grid: { ...GRID, top: 40, bottom: 8 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: ['Tasks'], show: false },
    series: PROGRESS_STAGES.filter((s) => stages[s.key] > 0).map((s) => ({
      type: 'bar',
      id: s.key,
      name: s.label,
      stack: 'stages',
      barWidth: 28,
      itemStyle: { color: s.color },
      data: [stages[s.key]],
    })),
  };
}

/** Submitted annotations (bars) and completed tasks (line) per bucket. */
export function throughputOption(
  buckets: readonly ThroughputBucketDto[],
  bucketMinutes: number,
  hours: number,
): ChartOption {
  const labels = buckets.map((b) => bucketLabel(Date.parse(b.start), bucketMinutes, hours > 24));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: GRID,
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        id: 'submitted',
        name: 'Submitted',
        itemStyle: { color: '#74c0fc' },
        data: buckets.map((b) => b.submitted),
      },
      {
        type: 'line',
        id: 'completed',
        name: 'Completed',
        itemStyle: { color: '#2b8a3e' },
        showSymbol: false,
        data: buckets.map((b) => b.completed),
      },
    ],
  };
}

export interface QueueSample {
  readonly at: number;
  readonly queued: number;
  readonly inFlight: number;
}

/** Queue depth and leases in flight as sampled by this page's polls. */
export function queueOption(samples: readonly QueueSample[]): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: GRID,
    xAxis: { type: 'category', data: samples.map((s) => clockTime(s.at)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'line',
        id: 'queued',
        name: 'Queued',
        itemStyle: { color: '#1c7ed6' },
        areaStyle: { opacity: 0.15 },
        data: samples.map((s) => s.queued),
      },
      {
        type: 'line',
        name: 'In flight',
        itemStyle: { color: '#f08c00' },
        data: samples.map((s) => s.inFlight),
      },
    ],
  };
}

/** Mean agreement (0–100 %) of the final labels containing each class. */
export function agreementOption(classes: readonly ClassAgreementDto[]): ChartOption {
  const scored = classes.filter((c) => c.mean_agreement !== null);
  return {
    tooltip: { trigger: 'axis' },
    grid: { ...GRID, top: 16 },
    xAxis: { type: 'category', data: scored.map((c) => c.class_id), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        id: 'agreement',
        name: 'Agreement',
        itemStyle: { color: '#7048e8' },
        data: scored.map((c) => Math.round((c.mean_agreement ?? 0) * 1000) / 10),
      },
    ],
  };
}
