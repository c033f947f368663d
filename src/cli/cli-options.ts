import { CliError } from './cli-error';

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/**
 * Parses a duration such as `30s`, `5m`, `1.5h` or `250ms` (a bare number
 * is seconds) into milliseconds.
 * @throws {CliError} naming the flag, for anything else or zero.
 */
export function parseDuration(text: string, flag: string): number {
  const match = DURATION.exec(text.trim());
  const ms =
    match === null ? NaN : Number(match[1]) * UNIT_MS[(match[2] ?? 's') as keyof typeof UNIT_MS];
  if (!(ms > 0))
    throw new CliError(`${flag} takes a duration such as 30s, 5m or 1h, not "${text}"`);
  return ms;
}

/**
 * Parses a whole number of at least `min`.
 * @throws {CliError} naming the flag.
 */
export function parseWhole(text: string, flag: string, min = 1): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min)
    throw new CliError(`${flag} takes a whole number of at least ${min}, not "${text}"`);
  return n;
}

/** {@link parseWhole} as an option parser (commander's `.option(flags, text, parser)`). */
export function wholeOption(flag: string, min = 1): (text: string) => number {
  return (text) => parseWhole(text, flag, min);
}

/**
 * Parses a positive number (a rate).
 * @throws {CliError} naming the flag.
 */
export function parsePositive(text: string, flag: string): number {
  const n = /^\d+(?:\.\d+)?$/.test(text.trim()) ? Number(text) : NaN;
  if (!(n > 0) || !Number.isFinite(n))
    throw new CliError(`${flag} takes a positive number, not "${text}"`);
  return n;
}

/**
 * Parses a share between 0 and 1 (`0.02`), or a percentage (`2%`).
 * @throws {CliError} naming the flag.
 */
export function parseShare(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  const n = match === null ? NaN : Number(match[1]) / (match[2] === '%' ? 100 : 1);
  if (!(n >= 0 && n <= 1))
    throw new CliError(`${flag} takes a share such as 0.02 or 2%, not "${text}"`);
  return n;
}

/** Commander collector for a repeatable option: every value, in order. */
export function repeatable(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * Parses repeated `STORE=KEY` values into a map of terminal keys by store.
 * @throws {CliError} on a malformed pair or a store given twice.
 */
export function parseStoreKeys(pairs: readonly string[], flag: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1)
      throw new CliError(`${flag} takes STORE=KEY, e.g. store-001=eter_…, not "${pair}"`);
    const store = pair.slice(0, eq);
    if (keys.has(store)) throw new CliError(`${flag}: store ${store} given twice`);
    keys.set(store, pair.slice(eq + 1));
  }
  return keys;
}
