import { readFileSync, writeFileSync } from 'node:fs';

const BYTES_PER_KIB = 1024;

/**
 * Reads one `kB` field of /proc/self/status (Linux).
 *
 * @param field - e.g. `'VmHWM'` or `'VmRSS'`.
 * @returns the value in bytes, or undefined where /proc is not available.
 */
function readStatusField(field: string): number | undefined {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match?.[1] === undefined ? undefined : Number(match[1]) * BYTES_PER_KIB;
  } catch {
    return undefined;
  }
}

/**
 * Peak resident memory of this process since it started or since the last
 * {@link resetPeakResidentMemory}: /proc/self/status `VmHWM`, falling back to
 * `process.resourceUsage().maxRSS` (which cannot be reset) off Linux.
 *
 * @returns bytes.
 */
export function peakResidentMemory(): number {
  return readStatusField('VmHWM') ?? process.resourceUsage().maxRSS * BYTES_PER_KIB;
}

/**
 * Current resident memory of this process.
 *
 * @returns bytes.
 */
export function currentResidentMemory(): number {
  return readStatusField('VmRSS') ?? process.memoryUsage.rss();
}

/**
 * Lowers the kernel's peak-RSS mark to the current RSS (writes `5` to /proc/self/clear_refs),
 * so that a later {@link peakResidentMemory} measures only what happens after this call.
 *
 * @returns true when the mark was reset; false where the kernel does not allow it, in which
 *   case the peak includes everything since the process started.
 */
export function resetPeakResidentMemory(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
