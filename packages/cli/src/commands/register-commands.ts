import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import { EXIT_CODES, UsageError } from '../exit-codes.js';
import type { ExitCode } from '../exit-codes.js';
import type { ProgressDisplay } from '../output/progress-bars.js';
import { runBenchCommand } from './bench-command.js';
import type { CommandContext } from './command-context.js';
import { runConfigCommand } from './config-command.js';
import { runEvaluateCommand } from './evaluate-command.js';
import { runFitCommand } from './fit-command.js';
import { isPredictedImage, runPredictCommand } from './predict-command.js';

/** Builds the context of one command run (called once the arguments are parsed). */
export type ContextFactory = () => Promise<CommandContext>;

/** What an action leaves behind for {@link runCli}: its exit code and its progress bars. */
export interface ExitState {
  /** The exit code the process should end with. */
  exitCode: ExitCode;
  /** The run's progress display, stopped by `runCli` whatever happens (its timer). */
  progress?: ProgressDisplay;
}

function parseNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) {
    throw new InvalidArgumentError(`expected a number, got '${value}'`);
  }
  return number;
}

function parseCount(value: string): number {
  const number = parseNumber(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new InvalidArgumentError(`expected a non-negative integer, got '${value}'`);
  }
  return number;
}

function addFit(program: Command, context: ContextFactory): void {
  program
    .command('fit')
    .description('train a model on nominal images and save it with its resolved config')
    .option('-c, --config <file>', 'config file, JSON or YAML (default: every default)')
    .option('-d, --data <path>', 'training data; overrides data.path')
    .option('-o, --out <dir>', 'model folder; overrides output.modelDir')
    .action(async (opts: { config?: string; data?: string; out?: string }) => {
      await runFitCommand(opts, await context());
    });
}

interface PredictFlags {
  model: string;
  threshold?: number;
  out: string;
  overlays: boolean;
  failOnAnomaly?: boolean;
}

function addPredict(program: Command, context: ContextFactory, state: ExitState): void {
  program
    .command('predict')
    .description('score images or folders of images with a saved model and write heat-map overlays')
    .argument('<inputs...>', 'image files and folders')
    .requiredOption('-m, --model <dir>', 'model folder written by fit')
    .option(
      '-t, --threshold <score>',
      'raw score threshold: labels images, outlines regions',
      parseNumber,
    )
    .option('-o, --out <dir>', 'folder of the overlay PNGs', 'patchcore-predictions')
    .option('--no-overlays', 'do not write overlay PNGs')
    .option('--fail-on-anomaly', `exit with ${EXIT_CODES.ANOMALY_FOUND} when an image is anomalous`)
    .action(async (inputs: string[], opts: PredictFlags) => {
      if (opts.failOnAnomaly === true && opts.threshold === undefined) {
        throw new UsageError(
          '--fail-on-anomaly needs --threshold: without a threshold no image is labelled',
        );
      }
      const results = await runPredictCommand({ ...opts, inputs }, await context());
      if (results.some((result) => !isPredictedImage(result))) {
        state.exitCode = EXIT_CODES.INPUT;
      } else if (
        opts.failOnAnomaly === true &&
        results.some((i) => isPredictedImage(i) && i.label === 1)
      ) {
        state.exitCode = EXIT_CODES.ANOMALY_FOUND;
      }
    });
}

interface EvaluateFlags {
  model: string;
  data: string;
  out?: string;
  threshold?: number;
  cases: number;
}

function addEvaluate(program: Command, context: ContextFactory): void {
  program
    .command('evaluate')
    .description('compute every metric on an MVTec category and write an HTML report')
    .requiredOption('-m, --model <dir>', 'model folder written by fit')
    .requiredOption('-d, --data <dir>', 'MVTec category folder (test/ and ground_truth/)')
    .option('-o, --out <dir>', 'report folder (default: <model>/report)')
    .option('-t, --threshold <score>', 'outline threshold (default: F1 oracle)', parseNumber)
    .option('--cases <n>', 'worst and best cases shown in the report, each', parseCount, 6)
    .action(async (opts: EvaluateFlags) => {
      const out = opts.out ?? `${opts.model}/report`;
      await runEvaluateCommand({ ...opts, out }, await context());
    });
}

function addBench(program: Command, context: ContextFactory): void {
  program
    .command('bench')
    .description('run the benchmarks (quick suite unless --full)')
    .option('--full', 'the full suite (long)')
    .option('-o, --out <dir>', 'results folder')
    .addOption(new Option('--cases <names...>', 'only these cases'))
    .action(async (opts: { full?: boolean; out?: string; cases?: string[] }) => {
      await runBenchCommand({ ...opts, full: opts.full === true }, await context());
    });
}

function addConfig(program: Command, context: ContextFactory): void {
  program
    .command('config')
    .description('print the resolved config: every default, or a validated file')
    .option('-c, --config <file>', 'config file to validate and resolve')
    .action(async (opts: { config?: string }) => {
      await runConfigCommand(opts, await context());
    });
}

/**
 * Adds `fit`, `predict`, `evaluate`, `bench` and `config` to the program.
 *
 * @param program - the root command.
 * @param context - builds each run's context.
 * @param state - receives a non-zero exit code (`predict --fail-on-anomaly`).
 */
export function registerCommands(
  program: Command,
  context: ContextFactory,
  state: ExitState,
): void {
  addFit(program, context);
  addPredict(program, context, state);
  addEvaluate(program, context);
  addBench(program, context);
  addConfig(program, context);
}
