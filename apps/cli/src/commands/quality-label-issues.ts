import { checkLabelIssuesInput, findLabelIssues, type LabelIssueFilter } from '@tessera/metrics';
import { type Command, Option } from 'commander';
import { CliInputError } from '../cli-error';
import { runJsonCommand } from '../io/output';
import { readJsonFile } from '../io/read-jsonl';
import { commandGroup } from './index';

/** Filters exposed on the command line (cleanlab `filter_by`). */
export const LABEL_ISSUES_CLI_FILTERS = [
  'prune_by_noise_rate',
  'prune_by_class',
  'both',
  'confident_learning',
  'predicted_neq_given',
] as const satisfies readonly LabelIssueFilter[];

/** Every row of the predicted probabilities must sum to 1 within this tolerance. */
export const ROW_SUM_TOLERANCE = 1e-3;

/**
 * Label issues by confident learning (cleanlab 2.9.0 `find_label_issues`, quality-math.md §10).
 * `labels` is a JSON array of class indices, `predProbs` a JSON array of probability rows. Returns the
 * flagged indices (ascending), the per-class thresholds and the calibrated confident joint the filters use.
 */
export function computeLabelIssues(labels: unknown, predProbs: unknown, filterBy: LabelIssueFilter) {
  const check = checkLabelIssuesInput(labels, predProbs, { rowSumTolerance: ROW_SUM_TOLERANCE });
  if (!check.ok) throw new CliInputError(check.problem);
  const result = findLabelIssues(check.labels, check.predProbs, { filterBy });
  return { issues: result.issues, thresholds: result.thresholds, confidentJoint: result.confidentJoint };
}

/** Registers `tessera quality label-issues`. */
export function registerQualityLabelIssues(program: Command): void {
  commandGroup(program, 'quality', 'Data quality: label issues')
    .command('label-issues')
    .description('Find likely label errors by confident learning (cleanlab find_label_issues)')
    .requiredOption('--labels <file>', 'JSON array of integer class labels, one per example')
    .requiredOption(
      '--pred-probs <file>',
      'JSON array of rows of predicted class probabilities (rows sum to 1)',
    )
    .addOption(
      new Option('--filter <name>', 'cleanlab filter_by')
        .choices([...LABEL_ISSUES_CLI_FILTERS])
        .default('prune_by_noise_rate'),
    )
    .action((opts: { labels: string; predProbs: string; filter: LabelIssueFilter }) =>
      runJsonCommand(async () =>
        computeLabelIssues(await readJsonFile(opts.labels), await readJsonFile(opts.predProbs), opts.filter),
      ),
    );
}
