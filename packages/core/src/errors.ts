/** Stable codes of the project's own errors, for scripts that branch on them. */
export type PatchcoreErrorCode =
  | 'SHAPE_MISMATCH'
  | 'NON_FINITE_VALUE'
  | 'INVALID_FILE'
  | 'NATIVE_DEPENDENCY'
  | 'INVALID_STATE'
  | 'INVALID_CONFIG';

/**
 * Base class of every error this project throws on purpose. Carries a stable `code` and, when
 * a lower layer (onnxruntime, faiss, sharp, the file system) failed, that error as `cause`.
 */
export class PatchcoreError extends Error {
  /** Stable machine-readable code. */
  readonly code: PatchcoreErrorCode;

  /**
   * @param code - stable code of the failure.
   * @param message - what went wrong, naming the offending value and where it came from.
   * @param options - `cause`: the lower-level error, when there is one.
   */
  constructor(code: PatchcoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Thrown when an array's shape differs from the one an operation needs. */
export class ShapeMismatchError extends PatchcoreError {
  /** What was checked, e.g. `'query dimension'`. */
  readonly what: string;
  /** The shape that was needed. */
  readonly expected: readonly number[];
  /** The shape that was received. */
  readonly actual: readonly number[];

  /**
   * @param what - what was checked.
   * @param expected - the needed shape.
   * @param actual - the received shape.
   */
  constructor(what: string, expected: readonly number[], actual: readonly number[]) {
    super(
      'SHAPE_MISMATCH',
      `${what}: expected [${expected.join(', ')}], got [${actual.join(', ')}]`,
    );
    this.what = what;
    this.expected = expected;
    this.actual = actual;
  }
}

/** Thrown when an input holds NaN or an infinite value. */
export class NonFiniteValueError extends PatchcoreError {
  /** Flat index of the first offending element. */
  readonly index: number;
  /** The offending value. */
  readonly value: number;

  /**
   * @param what - which input, e.g. `'features'`.
   * @param index - flat index of the first non-finite element.
   * @param value - that element.
   */
  constructor(what: string, index: number, value: number) {
    super(
      'NON_FINITE_VALUE',
      `${what} holds ${value} at flat index ${index}; all values must be finite`,
    );
    this.index = index;
    this.value = value;
  }
}

/** Thrown when a file is missing, truncated, or not of the expected format. */
export class InvalidFileError extends PatchcoreError {
  /** The file's path. */
  readonly path: string;

  /**
   * @param path - the file.
   * @param reason - what is wrong with it.
   * @param options - `cause`: the lower-level error.
   */
  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super('INVALID_FILE', `${path}: ${reason}`, options);
    this.path = path;
  }
}

/** Thrown when a native add-on or optional package cannot be loaded. */
export class NativeDependencyError extends PatchcoreError {
  /** The npm package that failed to load. */
  readonly packageName: string;

  /**
   * @param packageName - the package.
   * @param message - why it failed and how to fix it.
   * @param options - `cause`: the loader's error.
   */
  constructor(packageName: string, message: string, options?: { cause?: unknown }) {
    super('NATIVE_DEPENDENCY', message, options);
    this.packageName = packageName;
  }
}

/** Thrown when an object is used in the wrong state (e.g. predict before fit). */
export class InvalidStateError extends PatchcoreError {
  /**
   * @param message - what was called and what must happen first.
   */
  constructor(message: string) {
    super('INVALID_STATE', message);
  }
}

/** Thrown when a configuration value is invalid; names the key and what was expected. */
export class InvalidConfigError extends PatchcoreError {
  /** Dotted path of the offending key, e.g. `'sampler.percentage'`. */
  readonly key: string;

  /**
   * @param key - the offending key.
   * @param message - the full message, naming key, value and expectation.
   * @param options - `cause`: the validator's error.
   */
  constructor(key: string, message: string, options?: { cause?: unknown }) {
    super('INVALID_CONFIG', message, options);
    this.key = key;
  }
}
