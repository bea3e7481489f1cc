/**
 * The few WebAssembly JavaScript API members the kernel uses, typed here because the
 * project's `lib` setting (ES2023, no DOM) does not declare them.
 */

/** A `WebAssembly.Memory` created with `shared: true`. */
export interface SharedWasmMemory {
  /** The memory's bytes. */
  readonly buffer: SharedArrayBuffer;
}

/** A compiled `WebAssembly.Module` (opaque; can be posted to workers). */
export interface WasmModule {
  /** Never set: only makes the type nominal. */
  readonly wasmModuleBrand?: never;
}

/** A `WebAssembly.Instance`. */
export interface WasmInstance {
  /** Exported functions and values. */
  readonly exports: Readonly<Record<string, unknown>>;
}

/** The constructors used. */
export interface WasmApi {
  /** Compiles bytes. */
  readonly Module: new (bytes: Uint8Array) => WasmModule;
  /** Allocates memory. */
  readonly Memory: new (descriptor: {
    initial: number;
    maximum: number;
    shared: boolean;
  }) => SharedWasmMemory;
  /** Instantiates a module. */
  readonly Instance: new (module: WasmModule, imports: object) => WasmInstance;
}

/** The runtime's `WebAssembly` object. */
export const webAssembly = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
