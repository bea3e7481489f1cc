/**
 * Anomaly-detection metrics as pure functions over scores, labels, anomaly maps and masks:
 * image and pixel AUROC, the ROC curve, PRO/AUPRO, and F1-optimal and percentile thresholds
 * (SPEC §6). Imports nothing from the rest of the project.
 *
 * @packageDocumentation
 */
export { imageAuroc, pixelAuroc } from './auroc.js';
export type { PixelAurocOptions } from './auroc.js';
export { rocCurve } from './roc-curve.js';
export type { RocCurve, RocCurveOptions } from './roc-curve.js';
export { pixelAupro, DEFAULT_FPR_LIMIT } from './pixel-aupro.js';
export type { PixelAuproOptions, PixelAuproResult } from './pixel-aupro.js';
export { labelConnectedComponents } from './connected-components.js';
export type { ConnectedComponents } from './connected-components.js';
export { f1OptimalThreshold, pixelF1OptimalThreshold } from './f1-optimal-threshold.js';
export type {
  F1OptimalThreshold,
  PixelF1Options,
  ThresholdSource,
} from './f1-optimal-threshold.js';
export { percentileThreshold } from './percentile-threshold.js';
export type { PixelGrid, PixelMetricVariant } from './pixel-grid.js';
