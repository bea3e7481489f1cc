import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Logger } from '@patchcore/core';
import { runBenchCommand } from './commands/bench-command.js';
import type { CommandContext } from './commands/command-context.js';
import { runConfigCommand } from './commands/config-command.js';
import { runEvaluateCommand } from './commands/evaluate-command.js';
import { runFitCommand } from './commands/fit-command.js';
import { runPredictCommand } from './commands/predict-command.js';
import { EXIT_CODES, describeError, exitCodeFor } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import type { CliIo } from './output/cli-io.js';
import { createProgressDisplay } from './output/progress-bars.js';
import { createStreamLogger } from './output/stderr-logger.js';
import type { Pipeline } from './pipeline/pipeline.js';

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Streams to write to. */
  readonly io: CliIo;
  /** The packages the commands drive (created on first use). */
  readonly pipeline: () => Promise<Pipeline>;
}

interface GlobalFlags {
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  debug?: boolean;
  progress?: boolean;
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

const EXIT_CODE_HELP = `
Exit codes:
  0   success
  1   unexpected failure (use --verbose for the stack trace)
  2   usage or config error (unknown option, invalid config key or value)
  3   input error (missing or unreadable image, model or data folder)
  4   native dependency failed to load (faiss-node, onnxruntime-node, sharp)
  10  predict --fail-on-anomaly found an anomalous image
`;

/**
 * Builds the `patchcore` commander program. Each action stores its exit code in `state`.
 *
 * @param options - streams and pipeline.
 * @param state - receives the exit code and the logger of the last action.
 * @returns the program, ready for `parseAsync`.
 */
export function buildProgram(
  options: RunCliOptions,
  state: { exitCode: ExitCode; logger?: Logger },
): Command {
  const { io } = options;
  const program = new Command('patchcore')
    .description(
      'PatchCore anomaly detection: fit, predict, evaluate and benchmark from the command line',
    )
    .version('0.1.0')
    .option('--json', 'print machine-readable JSON on stdout')
    .option('-q, --quiet', 'only warnings and errors on stderr')
    .option('-v, --verbose', 'debug logs, and stack traces on errors')
    .option('--debug', 'same as --verbose')
    .option('--no-progress', 'no progress bars (they are off anyway when stderr is not a terminal)')
    .addHelpText('after', EXIT_CODE_HELP)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  const context = async (): Promise<CommandContext> => {
    const flags = program.opts<GlobalFlags>();
    const verbosity =
      flags.verbose === true ? 'verbose' : flags.quiet === true ? 'quiet' : 'normal';
    const logger = createStreamLogger(io.stderr, verbosity);
    state.logger = logger;
    return {
      io,
      logger,
      progress: createProgressDisplay(io.stderr, flags.progress !== false && flags.quiet !== true),
      pipeline: await options.pipeline(),
      json: flags.json === true,
    };
  };

  program
    .command('fit')
    .description('train a model on nominal images and save it with its resolved config')
    .option('-c, --config <file>', 'config file, JSON or YAML (default: every default)')
    .option('-d, --data <path>', 'training data; overrides data.path')
    .option('-o, --out <dir>', 'model folder; overrides output.modelDir')
    .action(async (opts: { config?: string; data?: string; out?: string }) => {
      await runFitCommand(opts, await context());
    });

  program
    .command('predict')
    .description('score images or folders of images with a saved model and write heat-map overlays')
    .argument('<inputs...>', 'image files and folders')
    .requiredOption('-m, --model <dir>', 'model folder written by fit')
    .option(
      '-t, --threshold <score>',
      'raw image-score threshold: labels images and outlines regions',
      parseNumber,
    )
    .option('-o, --out <dir>', 'folder of the overlay PNGs', 'patchcore-predictions')
    .option('--no-overlays', 'do not write overlay PNGs')
    .option(
      '--fail-on-anomaly',
      `exit with ${EXIT_CODES.ANOMALY_FOUND} when an image is labelled anomalous`,
    )
    .action(
      async (
        inputs: string[],
        opts: {
          model: string;
          threshold?: number;
          out: string;
          overlays: boolean;
          failOnAnomaly?: boolean;
        },
      ) => {
        const images = await runPredictCommand({ ...opts, inputs }, await context());
        if (opts.failOnAnomaly === true && images.some((i) => i.label === 1)) {
          state.exitCode = EXIT_CODES.ANOMALY_FOUND;
        }
      },
    );

  program
    .command('evaluate')
    .description('compute every metric on an MVTec category and write an HTML report')
    .requiredOption('-m, --model <dir>', 'model folder written by fit')
    .requiredOption('-d, --data <dir>', 'MVTec category folder (test/ and ground_truth/)')
    .option('-o, --out <dir>', 'report folder (default: <model>/report)')
    .option(
      '-t, --threshold <score>',
      'raw score threshold for outlines (default: the F1 oracle threshold)',
      parseNumber,
    )
    .option('--cases <n>', 'worst and best cases shown in the report, each', parseCount, 6)
    .action(
      async (opts: {
        model: string;
        data: string;
        out?: string;
        threshold?: number;
        cases: number;
      }) => {
        await runEvaluateCommand(
          { ...opts, out: opts.out ?? `${opts.model}/report` },
          await context(),
        );
      },
    );

  program
    .command('bench')
    .description('run the benchmarks (quick suite unless --full)')
    .option('--full', 'the full suite (long)')
    .option('-o, --out <dir>', 'results folder')
    .addOption(new Option('--cases <names...>', 'only these cases'))
    .action(async (opts: { full?: boolean; out?: string; cases?: string[] }) => {
      await runBenchCommand({ ...opts, full: opts.full === true }, await context());
    });

  program
    .command('config')
    .description('print the resolved config: every default, or a validated file')
    .option('-c, --config <file>', 'config file to validate and resolve')
    .action(async (opts: { config?: string }) => {
      await runConfigCommand(opts, await context());
    });

  return program;
}

/**
 * Runs the `patchcore` command line. Never exits the process and never throws: errors are
 * printed as one line on stderr (with the stack under `--verbose`) and mapped to an exit code.
 *
 * @param argv - the arguments after `node bin.js` (i.e. `process.argv.slice(2)`).
 * @param options - streams and pipeline.
 * @returns the exit code (see {@link EXIT_CODES}).
 */
export async function runCli(argv: readonly string[], options: RunCliOptions): Promise<ExitCode> {
  const state: { exitCode: ExitCode; logger?: Logger } = { exitCode: EXIT_CODES.OK };
  const program = buildProgram(options, state);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its message (or the help / version text).
      return error.exitCode === 0 ? EXIT_CODES.OK : EXIT_CODES.USAGE;
    }
    const flags = program.opts<GlobalFlags>();
    const verbose = flags.verbose === true || flags.debug === true;
    options.io.stderr.write(`patchcore: error: ${describeError(error)}\n`);
    if (verbose && error instanceof Error && error.stack !== undefined) {
      options.io.stderr.write(`${error.stack}\n`);
      if (error.cause instanceof Error && error.cause.stack !== undefined) {
        options.io.stderr.write(`caused by: ${error.cause.stack}\n`);
      }
    }
    return exitCodeFor(error);
  }
}
