import { type CocoBboxMetrics, evaluateCocoBboxJson } from '@tessera/metrics';
import type { Command } from 'commander';
import { CliInputError } from '../cli-error';
import { runJsonCommand } from '../io/output';
import { readJsonFile } from '../io/read-jsonl';
import { commandGroup } from './index';

/**
 * `tessera eval detection`: COCO bbox evaluation exactly as pycocotools COCOeval (quality-math.md §6). `--gt` is a
 * COCO dataset (`images`, `annotations` with `area`, `categories`); `--pred` a COCO results list
 * (`[{image_id, category_id, bbox, score}]`). Prints the 12 summary stats and `perClass` AP by category id. The
 * first input problem is bad input, named by file and path (`gt.json: annotations[3].bbox: …`).
 */
export async function computeDetectionEval(gtPath: string, predPath: string): Promise<CocoBboxMetrics> {
  const dataset = await readJsonFile(gtPath);
  const results = await readJsonFile(predPath);
  const out = evaluateCocoBboxJson(dataset, results);
  if (!out.ok) {
    const file = out.input === 'gt' ? gtPath : predPath;
    throw new CliInputError(`${file}: ${out.issue.path}: ${out.issue.message}`);
  }
  return out.value;
}

/** Registers `tessera eval detection`. */
export function registerEvalDetection(program: Command): void {
  commandGroup(program, 'eval', 'Evaluate model predictions')
    .command('detection')
    .description(
      'COCO bbox mAP/mAR (pycocotools-exact: AP, AP50, AP75, APs/m/l, AR1/10/100, ARs/m/l) and AP per class',
    )
    .requiredOption('--gt <file>', 'COCO dataset JSON (ground truth)')
    .requiredOption('--pred <file>', 'COCO results JSON: [{image_id, category_id, bbox, score}]')
    .action((opts: { gt: string; pred: string }) =>
      runJsonCommand(() => computeDetectionEval(opts.gt, opts.pred)),
    );
}
