import { resolve } from 'node:path';
import { EmbeddedLedger } from '../ledger/embedded';
import { CliError } from './cli-error';

/** Default data folder of a local node. */
export const DEFAULT_DATA_DIR = './data';

/** The `--data` option, shared by every command that reads a local ledger. */
export const dataOption = [
  '-d, --data <dir>',
  'data folder of the local node (env ETER_DATA)',
  process.env.ETER_DATA ?? DEFAULT_DATA_DIR,
] as const;

/**
 * Resolves a data folder that must already hold a ledger.
 * @throws {CliError} when it does not.
 */
export function existingLedgerDir(dir: string): string {
  const path = resolve(dir);
  if (!EmbeddedLedger.exists(path)) {
    throw new CliError(`no ledger in ${path} (create one with: eter init --data ${dir})`);
  }
  return path;
}
