import { Command, CommanderError } from 'commander';
import type { CommandContext } from './commands/command-context.js';
import { registerCommands } from './commands/register-commands.js';
import type { ExitState } from './commands/register-commands.js';
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

const EXIT_CODE_HELP = `
Exit codes:
  0   success
  1   unexpected failure (use --verbose for the stack trace)
  2   usage or config error (unknown option, invalid config key or value, config file
      that is not valid JSON or YAML)
  3   input error (missing or unreadable image, model or data folder; predict still
      scores and prints the readable images)
  4   native dependency failed to load (faiss-node, onnxruntime-node, sharp)
  10  predict --fail-on-anomaly found an anomalous image
`;

function isVerbose(flags: GlobalFlags): boolean {
  return flags.verbose === true || flags.debug === true;
}

function contextFactory(program: Command, options: RunCliOptions, state: ExitState) {
  return async (): Promise<CommandContext> => {
    const flags = program.opts<GlobalFlags>();
    const verbosity = isVerbose(flags) ? 'verbose' : flags.quiet === true ? 'quiet' : 'normal';
    const bars = flags.progress !== false && flags.quiet !== true;
    const progress = createProgressDisplay(options.io.stderr, bars);
    state.progress = progress;
    return {
      io: options.io,
      logger: createStreamLogger(progress.logSink, verbosity),
      progress,
      pipeline: await options.pipeline(),
      json: flags.json === true,
    };
  };
}

/**
 * Builds the `patchcore` commander program: global options, the exit-code help, and the
 * commands `fit`, `predict`, `evaluate`, `bench`, `config`.
 *
 * @param options - streams and pipeline.
 * @param state - receives an action's non-zero exit code.
 * @returns the program, ready for `parseAsync` (commander errors are thrown, not exited).
 */
export function buildProgram(options: RunCliOptions, state: ExitState): Command {
  const { io } = options;
  const program = new Command('patchcore')
    .description('PatchCore anomaly detection: fit, predict, evaluate and benchmark')
    .version('0.1.0')
    .option('--json', 'print machine-readable JSON on stdout')
    .option('-q, --quiet', 'only warnings and errors on stderr')
    .option('-v, --verbose', 'debug logs, and stack traces on errors')
    .option('--debug', 'same as --verbose')
    .option('--no-progress', 'no progress bars (they are off anyway when stderr is not a terminal)')
    .addHelpText('after', EXIT_CODE_HELP)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Usage errors in the CLI's one-line form, e.g. "patchcore: error: unknown option
      // '--dat' (Did you mean --data?) (see --help)".
      outputError: (text, write) =>
        write(`patchcore: ${text.trim().split('\n').join(' ')} (see --help)\n`),
    });
  registerCommands(program, contextFactory(program, options, state), state);
  return program;
}

function printError(io: CliIo, error: unknown, verbose: boolean): void {
  io.stderr.write(`patchcore: error: ${describeError(error)}\n`);
  if (!verbose || !(error instanceof Error) || error.stack === undefined) return;
  io.stderr.write(`${error.stack}\n`);
  if (error.cause instanceof Error && error.cause.stack !== undefined) {
    io.stderr.write(`caused by: ${error.cause.stack}\n`);
  }
}

/**
 * Runs the `patchcore` command line. Never exits the process and never throws: errors are
 * printed as one line on stderr (with the stack under `--verbose`) and mapped to an exit code.
 *
 * @param argv - the arguments after `node bin.js` (i.e. `process.argv.slice(2)`).
 * @param options - streams and pipeline.
 * @returns the exit code (see {@link EXIT_CODES}).
 * @example
 * ```ts
 * process.exitCode = await runCli(['fit', '--data', 'bottle'], { io: processIo(), pipeline });
 * ```
 */
export async function runCli(argv: readonly string[], options: RunCliOptions): Promise<ExitCode> {
  const state: ExitState = { exitCode: EXIT_CODES.OK };
  const program = buildProgram(options, state);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return state.exitCode;
  } catch (error) {
    // commander has already printed its own message (or the help or version text).
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_CODES.OK : EXIT_CODES.USAGE;
    }
    state.progress?.stop();
    printError(options.io, error, isVerbose(program.opts<GlobalFlags>()));
    return exitCodeFor(error);
  } finally {
    state.progress?.stop();
  }
}
