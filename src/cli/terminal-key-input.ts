import { CliError } from './cli-error';

/**
 * Terminal keys for `eter import` and `eter simulate` without putting them
 * on the command line, where every user of the machine sees them in `ps`
 * and the shell keeps them in its history: from the environment, or from
 * standard input with `--key -`.
 */

/** `eter import`'s one terminal key. */
export const TERMINAL_KEY_ENV = 'ETER_TERMINAL_KEY';
/** `eter simulate`'s keys: `STORE=KEY` pairs separated by spaces, commas or lines. */
export const TERMINAL_KEYS_ENV = 'ETER_TERMINAL_KEYS';
/** The `--key` value that means "read standard input". */
export const FROM_STDIN = '-';

export const KEY_HELP = `
Terminal keys are best given in ${TERMINAL_KEY_ENV} (eter import) or
${TERMINAL_KEYS_ENV} (eter simulate, STORE=KEY pairs separated by spaces,
commas or lines), or on standard input with --key - : a key written on the
command line shows in \`ps\` to every user of the machine and stays in the
shell's history. --key beats --data, which beats the environment.`;

/** Words of a list of keys or pairs: split on whitespace and commas, blanks dropped. */
export function keyWords(text: string): string[] {
  return text.split(/[\s,]+/).filter((word) => word !== '');
}

/**
 * Everything piped to standard input.
 * @throws {CliError} when standard input is a terminal (nothing is piped).
 */
export async function readStdinKeys(): Promise<string[]> {
  if (process.stdin.isTTY)
    throw new CliError(
      `--key - reads standard input: pipe the keys in, or set ${TERMINAL_KEY_ENV} / ${TERMINAL_KEYS_ENV}`,
    );
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) text += chunk as string;
  const words = keyWords(text);
  if (words.length === 0) throw new CliError('--key -: nothing on standard input');
  return words;
}
