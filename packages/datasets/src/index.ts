/**
 * Datasets for PatchCore: MVTec AD category folders, plain image folders and CSV/JSON
 * manifests, read into core `ImageSample`s in a deterministic order, and batched as async
 * iterables.
 *
 * @packageDocumentation
 */
export { loadMvtecCategory } from './mvtec-category.js';
export type { MvtecCategory, MvtecCategoryOptions } from './mvtec-category.js';
export { loadMvtecTrainSplit } from './mvtec-train-split.js';
export type { MvtecTrainSplit, MvtecTrainSplitOptions } from './mvtec-train-split.js';
export { loadMvtecTestSplit } from './mvtec-test-split.js';
export type { MvtecTestSplit, MvtecTestSplitOptions } from './mvtec-test-split.js';
export { NOMINAL_TYPE } from './mvtec-layout.js';
export { MASK_SUFFIX } from './mask-pairing.js';
export { loadImageFolder } from './image-folder.js';
export type { ImageFolderOptions } from './image-folder.js';
export { loadManifest, MANIFEST_FIELDS } from './manifest.js';
export type { ManifestOptions } from './manifest.js';
export { toBatches } from './batches.js';
export { IMAGE_EXTENSIONS, isImageFile } from './image-files.js';
