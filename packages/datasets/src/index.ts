/**
 * Datasets for PatchCore: MVTec AD category folders, plain image folders and CSV/JSON
 * manifests, read into core `ImageSample`s in a deterministic order, and batched as async
 * iterables.
 *
 * @packageDocumentation
 */
export { loadMvtecCategory, NOMINAL_TYPE } from './mvtec-category.js';
export type { MvtecCategory, MvtecCategoryOptions } from './mvtec-category.js';
export { MASK_SUFFIX } from './mask-pairing.js';
export { loadImageFolder } from './image-folder.js';
export type { ImageFolderOptions } from './image-folder.js';
export { loadManifest, MANIFEST_FIELDS } from './manifest.js';
export type { ManifestOptions } from './manifest.js';
export { toBatches } from './batches.js';
export { IMAGE_EXTENSIONS, isImageFile } from './image-files.js';
