import { type LabelValue, labelDistributionDrift } from '@tessera/metrics';
import type { Command } from 'commander';
import { readLabels, rejectAmbiguousLabels } from '../io/label-lines';
import { withInputErrors } from '../io/metric-values';
import { runJsonCommand } from '../io/output';
import { commandGroup } from './index';

/**
 * `tessera metrics drift`: label-distribution drift of `current` against `reference` — PSI and KL(current ‖
 * reference) on proportions clipped at ε = 1e-4 and renormalised, scipy JS distance (natural log) on raw
 * proportions, Pearson χ² on the 2 × K count table without Yates correction, p = 1 − χ²cdf(x, dof).
 */
export function computeDrift(reference: readonly LabelValue[], current: readonly LabelValue[]) {
  rejectAmbiguousLabels([...reference, ...current]);
  const d = withInputErrors(() => labelDistributionDrift(reference, current));
  return {
    psi: d.psi,
    klDivergence: d.klDivergence,
    jsDistance: d.jsDistance,
    chiSquare: d.chiSquare,
    pValue: d.pValue,
    dof: d.dof,
    epsilon: d.epsilon,
    categories: d.categories,
    referenceCounts: d.referenceCounts,
    currentCounts: d.currentCounts,
  };
}

/** Registers `tessera metrics drift`. */
export function registerMetricsDrift(program: Command): void {
  commandGroup(program, 'metrics', 'Quality metrics: agreement, aggregation, drift')
    .command('drift')
    .description(
      'Label-distribution drift between a reference and a current sample (PSI, KL, JS, chi-square)',
    )
    .requiredOption('--reference <file>', 'JSONL lines {"label"}')
    .requiredOption('--current <file>', 'JSONL lines {"label"}')
    .action((opts: { reference: string; current: string }) =>
      runJsonCommand(async () =>
        computeDrift(await readLabels(opts.reference), await readLabels(opts.current)),
      ),
    );
}
