import {
  cohenKappa,
  compareCodePoints,
  fleissCountTable,
  fleissKappa,
  type KappaWeights,
  type KrippendorffLevel,
  krippendorffAlphaFromRatings,
  type LabelValue,
} from '@tessera/metrics';
import { type Command, Option } from 'commander';
import { CliInputError } from '../cli-error';
import {
  type RatingLine,
  readRatingLines,
  rejectAmbiguousLabels,
  rejectDuplicateRatings,
  resolveCategories,
} from '../io/label-lines';
import { finiteOrNull, withInputErrors } from '../io/metric-values';
import { runJsonCommand } from '../io/output';
import { commandGroup } from './index';

export type AgreementMetric = 'cohen-kappa' | 'fleiss-kappa' | 'krippendorff-alpha';

export interface AgreementOptions {
  readonly metric: AgreementMetric;
  readonly weights?: KappaWeights;
  readonly level?: KrippendorffLevel;
  /** The raw `--categories c1,c2,…` flag. */
  readonly categories?: string;
}

type Output = Record<string, unknown> & { metric: AgreementMetric; value: number | null };

/**
 * `tessera metrics agreement`: one JSON object `{metric, value, …counts}`. An undefined value (NaN: κ at p_e = 1,
 * α with one distinct value, Fleiss with every rating in one category) is written as `null` with a `note`.
 */
export function computeAgreement(
  path: string,
  ratings: readonly RatingLine[],
  options: AgreementOptions,
): Output {
  if (ratings.length === 0) throw new CliInputError(`${path}: no labels`);
  rejectDuplicateRatings(path, ratings);
  const labels = ratings.map((r) => r.label);
  rejectAmbiguousLabels(labels);
  const categories = resolveCategories(options.categories, labels);
  const output = withInputErrors(() => {
    if (options.metric === 'cohen-kappa') return cohen(ratings, options.weights ?? 'none', categories);
    if (options.metric === 'fleiss-kappa') return fleiss(ratings, categories);
    return alpha(ratings, options.level ?? 'nominal', categories);
  });
  if (output.value !== null) return output;
  return { ...output, note: undefinedNote(options.metric) };
}

function cohen(ratings: readonly RatingLine[], weights: KappaWeights, categories?: LabelValue[]): Output {
  const annotators = [...new Set(ratings.map((r) => r.annotator))].sort(compareCodePoints);
  if (annotators.length !== 2) {
    throw new CliInputError(`cohen-kappa needs exactly 2 annotators; found ${annotators.length}`);
  }
  const byItem = new Map<string, [LabelValue | undefined, LabelValue | undefined]>();
  for (const r of ratings) {
    const pair = byItem.get(r.item) ?? [undefined, undefined];
    pair[r.annotator === annotators[0] ? 0 : 1] = r.label;
    byItem.set(r.item, pair);
  }
  const first: LabelValue[] = [];
  const second: LabelValue[] = [];
  for (const [item, [a, b]] of byItem) {
    if (a === undefined || b === undefined) {
      throw new CliInputError(`cohen-kappa: item ${JSON.stringify(item)} is rated by only one annotator`);
    }
    first.push(a);
    second.push(b);
  }
  const value = cohenKappa(first, second, { weights, ...(categories ? { labels: categories } : {}) });
  return { metric: 'cohen-kappa', value: finiteOrNull(value), weights, annotators, items: byItem.size };
}

function fleiss(ratings: readonly RatingLine[], categories?: LabelValue[]): Output {
  const table = fleissCountTable(ratings, categories);
  return {
    metric: 'fleiss-kappa',
    value: finiteOrNull(fleissKappa(table.counts)),
    randolphKappa: finiteOrNull(fleissKappa(table.counts, 'randolph')),
    items: table.items.length,
    ratersPerItem: table.ratersPerItem,
    categories: table.categories,
  };
}

function alpha(ratings: readonly RatingLine[], level: KrippendorffLevel, categories?: LabelValue[]): Output {
  const result = krippendorffAlphaFromRatings(ratings, {
    level,
    ...(categories ? { domain: categories } : {}),
  });
  return {
    metric: 'krippendorff-alpha',
    value: finiteOrNull(result.alpha),
    level,
    pairableUnits: result.pairableUnits,
    droppedUnits: result.droppedUnits,
    pairableValues: result.pairableValues,
    ratings: ratings.length,
    annotators: new Set(ratings.map((r) => r.annotator)).size,
    categories: result.domain,
  };
}

function undefinedNote(metric: AgreementMetric): string {
  if (metric === 'krippendorff-alpha')
    return 'undefined: only one distinct value among pairable ratings (D_e = 0)';
  if (metric === 'fleiss-kappa') return 'undefined: every rating is in one category (P_e = 1)';
  return 'undefined: both annotators used one identical label (p_e = 1)';
}

/** Registers `tessera metrics agreement`. */
export function registerMetricsAgreement(program: Command): void {
  commandGroup(program, 'metrics', 'Quality metrics: agreement, aggregation, drift')
    .command('agreement')
    .description("Inter-annotator agreement: Cohen's kappa, Fleiss' kappa or Krippendorff's alpha")
    .requiredOption('--input <file>', 'JSONL lines {"item","annotator","label"}')
    .addOption(
      new Option('--metric <name>', 'agreement statistic')
        .choices(['cohen-kappa', 'fleiss-kappa', 'krippendorff-alpha'])
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--weights <w>', "Cohen's kappa weights")
        .choices(['none', 'linear', 'quadratic'])
        .default('none'),
    )
    .addOption(
      new Option('--level <level>', "Krippendorff's level of measurement")
        .choices(['nominal', 'ordinal', 'interval', 'ratio'])
        .default('nominal'),
    )
    .option('--categories <list>', 'ordered, comma-separated label list (unused labels included)')
    .action((opts: { input: string } & AgreementOptions) =>
      runJsonCommand(async () => computeAgreement(opts.input, await readRatingLines(opts.input), opts)),
    );
}
