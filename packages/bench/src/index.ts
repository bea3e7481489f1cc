/**
 * Work in progress: this package is being written.
 *
 * @packageDocumentation
 */
export {};
