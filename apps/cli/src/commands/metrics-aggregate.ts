import {
  type AggregationResult,
  annotatorAccuracyCoded,
  type DawidSkeneResult,
  dawidSkene,
  encodeRatings,
  type LabelValue,
  majorityVote,
  oneCoinDawidSkene,
} from '@tessera/metrics';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { CliInputError } from '../cli-error';
import {
  type RatingLine,
  readRatingLines,
  rejectAmbiguousLabels,
  rejectDuplicateRatings,
} from '../io/label-lines';
import { finiteOrNull, withInputErrors } from '../io/metric-values';
import { runJsonCommand } from '../io/output';
import { commandGroup } from './index';

export type AggregationMethod = 'majority-vote' | 'dawid-skene' | 'one-coin-dawid-skene';

export interface AggregateOptions {
  readonly method: AggregationMethod;
  /** Dawid–Skene maximum iterations (default 100). */
  readonly nIter?: number;
  /** Dawid–Skene ELBO tolerance (default 1e-5). */
  readonly tol?: number;
}

type Row = Readonly<Record<string, number | null>>;

/**
 * `tessera metrics aggregate`: `{method, labels: {item: label}, posteriors: {item: {label: p}},
 * annotators: {annotator: {accuracy, confusion?}}}`. `labels` values keep their JSON type; posterior and
 * confusion keys are label texts. `accuracy` is crowd-kit `get_accuracy` against the aggregated labels;
 * Dawid–Skene adds `confusion[observed][true]` for the labels the annotator gave, `priors`, `iterations`, `elbo`.
 */
export function computeAggregation(
  path: string,
  ratings: readonly RatingLine[],
  options: AggregateOptions,
): Record<string, unknown> {
  if (ratings.length === 0) throw new CliInputError(`${path}: no labels`);
  rejectDuplicateRatings(path, ratings);
  rejectAmbiguousLabels(ratings.map((r) => r.label));
  return withInputErrors(() => {
    if (options.method === 'majority-vote') {
      const mv = majorityVote(ratings);
      return {
        method: options.method,
        ...common(mv),
        annotators: annotatorAccuracies(mv.annotators, mv.accuracies),
      };
    }
    const iterations = { nIter: options.nIter ?? 100, tol: options.tol ?? 1e-5 };
    const ds =
      options.method === 'dawid-skene'
        ? dawidSkene(ratings, iterations)
        : oneCoinDawidSkene(ratings, iterations);
    return { method: options.method, ...common(ds), ...dawidSkeneExtras(ratings, ds) };
  });
}

function common(result: AggregationResult): {
  labels: Record<string, LabelValue>;
  posteriors: Record<string, Row>;
} {
  return {
    labels: Object.fromEntries(result.items.map((item, i) => [item, result.labels[i]!])),
    posteriors: Object.fromEntries(
      result.items.map((item, i) => [item, labelRow(result.classes, result.posteriors[i]!)]),
    ),
  };
}

function labelRow(classes: readonly LabelValue[], values: readonly number[]): Row {
  return Object.fromEntries(classes.map((c, k) => [String(c), finiteOrNull(values[k]!)]));
}

function annotatorAccuracies(annotators: readonly string[], accuracies: readonly number[]) {
  return Object.fromEntries(annotators.map((a, w) => [a, { accuracy: finiteOrNull(accuracies[w]!) }]));
}

function dawidSkeneExtras(ratings: readonly RatingLine[], ds: DawidSkeneResult): Record<string, unknown> {
  const encoded = encodeRatings(ratings);
  const classIndex = new Map(ds.classes.map((c, k) => [c, k]));
  const truth = Int32Array.from(ds.labels, (label) => classIndex.get(label)!);
  const accuracies = annotatorAccuracyCoded(encoded, truth);
  const annotators = Object.fromEntries(
    ds.annotators.map((a, w) => {
      const rows = ds.errors[w]!.flatMap((row, k) =>
        row ? [[String(ds.classes[k]), labelRow(ds.classes, row)]] : [],
      );
      return [a, { accuracy: finiteOrNull(accuracies[w]!), confusion: Object.fromEntries(rows) }];
    }),
  );
  return {
    annotators,
    priors: labelRow(ds.classes, ds.priors),
    iterations: ds.elboHistory.length,
    elbo: ds.elboHistory.length > 0 ? ds.elboHistory[ds.elboHistory.length - 1] : null,
  };
}

function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

function finiteNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('expected a number');
  return n;
}

/** Registers `tessera metrics aggregate`. */
export function registerMetricsAggregate(program: Command): void {
  commandGroup(program, 'metrics', 'Quality metrics: agreement, aggregation, drift')
    .command('aggregate')
    .description('Infer one label per item: majority vote or Dawid-Skene (crowd-kit semantics)')
    .requiredOption('--input <file>', 'JSONL lines {"item","annotator","label"}')
    .addOption(
      new Option('--method <name>', 'aggregation method')
        .choices(['majority-vote', 'dawid-skene', 'one-coin-dawid-skene'])
        .makeOptionMandatory(),
    )
    .option('--n-iter <n>', 'Dawid-Skene maximum EM iterations', nonNegativeInteger, 100)
    .option('--tol <x>', 'Dawid-Skene ELBO tolerance', finiteNumber, 1e-5)
    .action((opts: { input: string } & AggregateOptions) =>
      runJsonCommand(async () => computeAggregation(opts.input, await readRatingLines(opts.input), opts)),
    );
}
