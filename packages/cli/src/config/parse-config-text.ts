import { extname } from 'node:path';
import { InvalidConfigError } from '@patchcore/core';
import { YAMLParseError, parse as parseYaml } from 'yaml';

/** Line and column (both 1-based) of a parse error. */
interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** Key reported by a config file that does not parse: the whole file is at fault. */
const WHOLE_FILE_KEY = '(root)';

function positionAtOffset(text: string, offset: number): TextPosition {
  const before = text.slice(0, Math.min(offset, text.length)).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** V8 says `... in JSON at position 12`, or `Unexpected end of JSON input` at the end. */
function jsonErrorPosition(message: string, text: string): TextPosition | undefined {
  const offset = /at position (\d+)/.exec(message)?.[1];
  if (offset !== undefined) return positionAtOffset(text, Number(offset));
  return message.includes('end of JSON input') ? positionAtOffset(text, text.length) : undefined;
}

function yamlErrorPosition(error: unknown): TextPosition | undefined {
  if (!(error instanceof YAMLParseError)) return undefined;
  const start = error.linePos?.[0];
  return start === undefined ? undefined : { line: start.line, column: start.col };
}

/** The parser's first line, without the position it already states (given separately). */
function parserReason(error: unknown): string {
  const firstLine = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  return firstLine
    .replace(/ at position \d+.*$/, '')
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}

/**
 * Parses the text of a config file: JSON when the file ends in `.json`, YAML otherwise.
 *
 * @param path - the file, to pick the format and to name it in the message.
 * @param text - the file's content.
 * @returns the parsed value (undefined for an empty YAML file).
 * @throws {@link InvalidConfigError} when the text does not parse: one line naming the file,
 *   the line and column when the parser gives them, and the parser's reason.
 */
export function parseConfigText(path: string, text: string): unknown {
  const json = extname(path).toLowerCase() === '.json';
  try {
    return json ? (JSON.parse(text) as unknown) : (parseYaml(text) as unknown);
  } catch (error) {
    const reason = parserReason(error);
    const position = json
      ? jsonErrorPosition(error instanceof Error ? error.message : '', text)
      : yamlErrorPosition(error);
    const where =
      position === undefined ? '' : ` at line ${position.line}, column ${position.column}`;
    const message = `${path}: not valid ${json ? 'JSON' : 'YAML'}${where}: ${reason}`;
    throw new InvalidConfigError(WHOLE_FILE_KEY, message, { cause: error });
  }
}
