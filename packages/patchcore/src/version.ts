/** This package's version, recorded in every model manifest (kept equal to package.json by a test). */
export const PACKAGE_VERSION = '0.1.0';
