import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LEDGER_FILE, LedgerStore, NODE_KEY_FILE } from '../ledger/embedded';
import { LINE_REFERENCE_KEY_FILE, READ_MODEL_FILE } from '../readmodel';
import { CliError } from './cli-error';
import { ACCESS_DB } from './local-server';
import { snapshotDatabase } from './sqlite-snapshot';

/** One file of a backup. */
export interface BackedUpFile {
  readonly name: string;
  readonly bytes: number;
}

/** What {@link backupNode} copied. */
export interface NodeBackupReport {
  readonly source: string;
  readonly destination: string;
  /** Blocks in the copied ledger: the height it was taken at. */
  readonly blocks: number;
  readonly files: readonly BackedUpFile[];
  /** Left out because the node rebuilds them (the read model). */
  readonly skipped: readonly string[];
}

/**
 * Backs up a local node's data folder into `destination` (a new or empty
 * folder, created with mode 0700) while a server may be running on it:
 *
 * - `ledger.db` and `access.db` (logins and terminal keys) as consistent
 *   snapshots ({@link snapshotDatabase}), each as of one moment: the ledger
 *   first, then the logins and keys, so that none that existed when the
 *   ledger was copied is missing;
 * - `node-key.pem`, the node's private key, without which the restored node
 *   cannot sign blocks as the same node (a copy as sensitive as the original);
 * - `line-reference-key`, when there is one, without which every sale line
 *   a manufacturer was given would get a new reference;
 * - not `read.db`: the read model is derived from the ledger, and a node
 *   started on the backup projects it again.
 *
 * Every file is written with mode 0600.
 * @throws {CliError} when `destination` exists and is not an empty folder.
 */
export async function backupNode(dataDir: string, destination: string): Promise<NodeBackupReport> {
  const source = resolve(dataDir);
  const target = resolve(destination);
  if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0)) {
    throw new CliError(`--to must name a new or empty folder: ${target} is not one`);
  }
  if (!existsSync(join(source, NODE_KEY_FILE))) {
    throw new CliError(`no node key in ${source}: a backup without it could not sign as this node`);
  }
  mkdirSync(target, { recursive: true, mode: 0o700 });
  chmodSync(target, 0o700);

  const files: BackedUpFile[] = [];
  const copy = async (name: string, how: 'database' | 'file') => {
    const to = join(target, name);
    if (how === 'database') await snapshotDatabase(join(source, name), to);
    else copyFileSync(join(source, name), to);
    chmodSync(to, 0o600);
    files.push({ name, bytes: statSync(to).size });
  };
  await copy(LEDGER_FILE, 'database');
  if (existsSync(join(source, ACCESS_DB))) await copy(ACCESS_DB, 'database');
  await copy(NODE_KEY_FILE, 'file');
  if (existsSync(join(source, LINE_REFERENCE_KEY_FILE)))
    await copy(LINE_REFERENCE_KEY_FILE, 'file');

  const store = new LedgerStore(join(target, LEDGER_FILE), { readonly: true });
  try {
    return {
      source,
      destination: target,
      blocks: store.blockCount(),
      files,
      skipped: existsSync(join(source, READ_MODEL_FILE)) ? [READ_MODEL_FILE] : [],
    };
  } finally {
    store.close();
  }
}
