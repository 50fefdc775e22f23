import { classificationReport } from '@tessera/metrics';
import type { Command } from 'commander';
import { CliInputError } from '../cli-error';
import { type ItemLabelLine, readItemLabels, rejectAmbiguousLabels } from '../io/label-lines';
import { finiteOrNull, withInputErrors } from '../io/metric-values';
import { runJsonCommand } from '../io/output';
import { commandGroup } from './index';

/**
 * `tessera eval classification`: joins ground truth and predictions on `item` (an item in only one file is bad
 * input) and reports scikit-learn metrics with zero_division = 0. `perClass` keys are label texts; `confusion`
 * rows are ground truth in `labels` order. An undefined κ is `null` with a `note`.
 */
export function computeClassificationEval(
  gtPath: string,
  gt: ReadonlyMap<string, ItemLabelLine>,
  predPath: string,
  pred: ReadonlyMap<string, ItemLabelLine>,
): Record<string, unknown> {
  for (const [item, row] of gt) {
    if (!pred.has(item))
      throw new CliInputError(`${gtPath}:${row.line}: item ${JSON.stringify(item)} has no prediction`);
  }
  for (const [item, row] of pred) {
    if (!gt.has(item))
      throw new CliInputError(`${predPath}:${row.line}: item ${JSON.stringify(item)} has no ground truth`);
  }
  const items = [...gt.keys()];
  const truth = items.map((item) => gt.get(item)!.label);
  const predicted = items.map((item) => pred.get(item)!.label);
  rejectAmbiguousLabels([...truth, ...predicted]);
  const r = withInputErrors(() => classificationReport(truth, predicted));
  const perClass = Object.fromEntries(
    r.perClass.map((c) => [
      String(c.label),
      { precision: c.precision, recall: c.recall, f1: c.f1, support: c.support },
    ]),
  );
  const output = {
    accuracy: r.accuracy,
    macroF1: r.macroF1,
    microF1: r.microF1,
    weightedF1: r.weightedF1,
    cohenKappa: finiteOrNull(r.cohenKappa),
    labels: r.labels,
    confusion: r.confusion,
    perClass,
    items: items.length,
  };
  if (output.cohenKappa !== null) return output;
  return { ...output, note: 'cohenKappa undefined: truth and predictions use one identical label (p_e = 1)' };
}

/** Registers `tessera eval classification`. */
export function registerEvalClassification(program: Command): void {
  commandGroup(program, 'eval', 'Evaluate model predictions')
    .command('classification')
    .description('Accuracy, F1 (macro/micro/weighted), Cohen kappa, confusion matrix and per-class scores')
    .requiredOption('--gt <file>', 'JSONL lines {"item","label"} (ground truth)')
    .requiredOption('--pred <file>', 'JSONL lines {"item","label"} (predictions)')
    .action((opts: { gt: string; pred: string }) =>
      runJsonCommand(async () =>
        computeClassificationEval(
          opts.gt,
          await readItemLabels(opts.gt),
          opts.pred,
          await readItemLabels(opts.pred),
        ),
      ),
    );
}
