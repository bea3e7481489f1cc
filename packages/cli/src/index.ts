/**
 * The `patchcore` command line as a library: config schema and loader, overlays, the HTML
 * report and the program itself.
 *
 * @packageDocumentation
 */
export {
  patchcoreConfigSchema,
  samplerConfigSchema,
  DEFAULT_LAYERS,
} from './config/config-schema.js';
export type {
  PatchcoreConfigInput,
  ResolvedPatchcoreConfig,
  ResolvedSamplerConfig,
} from './config/config-schema.js';
export { resolveConfig, loadConfigFile } from './config/load-config.js';
export { EXIT_CODES, UsageError, exitCodeFor, describeError } from './exit-codes.js';
export type { ExitCode } from './exit-codes.js';
export { HEAT_COLORMAP, heatColor } from './visual/colormap.js';
export { computeDisplayRange, normalizeForDisplay } from './visual/display-range.js';
export type { DisplayRange } from './visual/display-range.js';
export { regionOutline } from './visual/outline.js';
export {
  composeOverlay,
  PREDICTED_OUTLINE_COLOR,
  MASK_OUTLINE_COLOR,
} from './visual/compose-overlay.js';
export type { OverlayInput } from './visual/compose-overlay.js';
export { renderOverlayPng } from './visual/render-overlay.js';
export type { RenderOverlayOptions, ScoreImage } from './visual/render-overlay.js';
export { buildReportHtml, pickWorstAndBest } from './report/build-report-html.js';
export type {
  ReportData,
  ReportMetric,
  ReportImage,
  ReportCase,
} from './report/build-report-html.js';
export { imageRocPoints } from './report/roc-points.js';
export type { RocPoint } from './report/roc-points.js';
export { rocCurveSvg, histogramSvg } from './report/svg-charts.js';
export type { HistogramSeries } from './report/svg-charts.js';
export { createStreamLogger } from './output/stderr-logger.js';
export type { Verbosity } from './output/stderr-logger.js';
export { createProgressDisplay, formatElapsed } from './output/progress-bars.js';
export type { ProgressDisplay } from './output/progress-bars.js';
export type { CliIo, TextSink } from './output/cli-io.js';
export { runCli, buildProgram } from './program.js';
export type { RunCliOptions } from './program.js';
export { registerCommands } from './commands/register-commands.js';
export type { ContextFactory, ExitState } from './commands/register-commands.js';
export { processIo } from './output/cli-io.js';
export { createDefaultPipeline, patchCoreLoadOptions } from './pipeline/default-pipeline.js';
export type {
  Pipeline,
  CliModel,
  CliPrediction,
  EvaluationMetrics,
  EvaluationOutcome,
  BenchCommandOptions,
} from './pipeline/pipeline.js';
export { runFitCommand, RESOLVED_CONFIG_FILE } from './commands/fit-command.js';
export type { FitCommandOptions, FitResult } from './commands/fit-command.js';
export { runPredictCommand } from './commands/predict-command.js';
export type { PredictCommandOptions, PredictedImage } from './commands/predict-command.js';
export { runEvaluateCommand, metricRows } from './commands/evaluate-command.js';
export type { EvaluateCommandOptions, EvaluateResult } from './commands/evaluate-command.js';
export { writeOverlays, overlayFileNames } from './commands/write-overlays.js';
export type { WriteOverlaysOptions } from './commands/write-overlays.js';
export type { CommandContext } from './commands/command-context.js';
