import type { z } from 'zod';

/**
 * Describes a value for an error message: its type and, when short, the value itself.
 *
 * @param value - any input value.
 * @returns e.g. `string "0.1"`, `number 2`, `array of 2`, `missing`.
 */
export function describeReceived(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array of ${value.length}`;
  if (typeof value === 'object') return 'object';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Dotted key path of an issue, e.g. `sampler.percentage` or `inputShape[1]`.
 *
 * @param path - the issue's path.
 * @returns the path as text, `(root)` when empty.
 */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(root)' : text;
}

/**
 * Turns one zod issue into a sentence naming the key, what was expected and what was found.
 *
 * @param issue - a zod issue from validating `input`.
 * @param input - the raw config object that was validated.
 * @returns the key path and the message.
 */
export function formatConfigIssue(
  issue: z.core.$ZodIssue,
  input: unknown,
): { key: string; message: string } {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => formatKeyPath([...issue.path, key]));
    const noun = keys.length === 1 ? 'key' : 'keys';
    return {
      key: keys[0] ?? formatKeyPath(issue.path),
      message: `unknown ${noun} ${keys.map((k) => `'${k}'`).join(', ')} (not in the config schema)`,
    };
  }
  const key = formatKeyPath(issue.path);
  const received = describeReceived(valueAt(input, issue.path));
  if (issue.code === 'invalid_union' && 'options' in issue) {
    // A defaulted discriminator (the sampler's name) lists `undefined` among its options.
    const options = (issue.options as readonly unknown[])
      .filter((option) => option !== undefined)
      .map((option) => JSON.stringify(option));
    return { key, message: `'${key}' must be one of ${options.join(', ')}, got ${received}` };
  }
  if (issue.code === 'invalid_type') {
    return { key, message: `'${key}': expected ${issue.expected}, got ${received}` };
  }
  const expectation = issue.message.replace(/^(Invalid input|Invalid option|Too \w+): /, '');
  return { key, message: `'${key}': ${expectation}, got ${received}` };
}
