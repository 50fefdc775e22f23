import type { Command } from 'commander';
import { registerDemo } from './demo';
import { registerEvalClassification } from './eval-classification';
import { registerEvalDetection } from './eval-detection';
import { registerExport } from './export';
import { registerGeometryIou3d } from './geometry-iou3d';
import { registerHashImage } from './hash-image';
import { registerImport } from './import';
import { registerInit } from './init';
import { registerKeys } from './keys';
import { registerMetricsAggregate } from './metrics-aggregate';
import { registerMetricsAgreement } from './metrics-agreement';
import { registerMetricsDrift } from './metrics-drift';
import { registerProjects } from './projects';
import { registerQualityLabelIssues } from './quality-label-issues';
import { registerResultsExport } from './results-export';
import { registerServe } from './serve';
import { registerTasks } from './tasks';

/** A command file exports one registrar; main.ts wires them all into one program. */
export type CommandRegistrar = (program: Command) => void;

/** Returns the sub-command group `name` (e.g. `metrics`, `eval`), creating it on first use. */
export function commandGroup(program: Command, name: string, description: string): Command {
  const existing = program.commands.find((c) => c.name() === name);
  return existing ?? program.command(name).description(description);
}

// Each command file adds itself to this list (one import and one entry per file).
export const registrars: CommandRegistrar[] = [
  registerMetricsAgreement,
  registerMetricsAggregate,
  registerMetricsDrift,
  registerEvalClassification,
  registerEvalDetection,
  registerHashImage,
  registerQualityLabelIssues,
  registerGeometryIou3d,
  registerInit,
  registerKeys,
  registerServe,
  registerDemo,
  registerProjects,
  registerTasks,
  registerImport,
  registerResultsExport,
  registerExport,
];
