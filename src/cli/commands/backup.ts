import type { Command } from 'commander';
import { join } from 'node:path';
import {
  defaultVerifyThreads,
  LEDGER_FILE,
  LedgerStore,
  NODE_KEY_FILE,
  NodeKey,
  verifyLedger,
  type VerifyReport,
} from '../../ledger/embedded';
import { CliError } from '../cli-error';
import { dataOption, existingLedgerDir } from '../data-dir';
import { backupNode, type NodeBackupReport } from '../node-backup';
import { verifyReportLine } from '../verify-text';

interface BackupOptions {
  data: string;
  to?: string;
  verify: boolean;
  json?: boolean;
}

/**
 * `eter backup --to DIR`: a consistent copy of a local node's data folder,
 * taken while its server runs, then checked end to end with the node's own
 * public key; exit 0 when the copy is sound, 1 when it is not.
 */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description(
      "copy a node's ledger, logins and key into a new folder while it runs, then verify the copy",
    )
    .option(...dataOption)
    .option('--to <dir>', 'folder to write the backup into (new, or empty)')
    .option('--no-verify', 'skip checking the copy (eter verify --data DIR does it later)')
    .option('--json', 'print the report as JSON')
    .action(async (options: BackupOptions) => {
      if (options.to === undefined)
        throw new CliError('--to is required: the folder to back up into');
      const source = existingLedgerDir(options.data);
      const started = process.hrtime.bigint();
      const backup = await backupNode(source, options.to);
      const copySeconds = Number(process.hrtime.bigint() - started) / 1e9;
      const verified = options.verify ? verifyCopy(backup, source) : undefined;
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ ...backup, copySeconds, ...(verified === undefined ? {} : { verify: verified }) })}\n`,
        );
      } else {
        process.stdout.write(describe(backup, copySeconds, verified));
      }
      if (verified !== undefined && !verified.report.ok) process.exitCode = 1;
    });
}

/** Checks the copy against the source node's public key, as `eter verify` would. */
function verifyCopy(
  backup: NodeBackupReport,
  source: string,
): { report: VerifyReport; seconds: number } {
  const publicKey = NodeKey.loadOrCreate(join(source, NODE_KEY_FILE)).publicKey;
  const store = new LedgerStore(join(backup.destination, LEDGER_FILE), { readonly: true });
  const started = process.hrtime.bigint();
  try {
    const threads = defaultVerifyThreads(store.blockCount());
    const report = verifyLedger(store, publicKey, undefined, { threads });
    return { report, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    store.close();
  }
}

function describe(
  backup: NodeBackupReport,
  copySeconds: number,
  verified: { report: VerifyReport; seconds: number } | undefined,
): string {
  const size = (bytes: number) =>
    bytes < 1_048_576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1_048_576).toFixed(1)} MB`;
  const lines = [
    `backed up ${backup.source} to ${backup.destination} as of block ${backup.blocks - 1} in ${copySeconds.toFixed(2)} s:`,
    ...backup.files.map(
      (f) =>
        `  ${f.name.padEnd(14)}${size(f.bytes).padStart(10)}` +
        (f.name === NODE_KEY_FILE
          ? "  the node's private key: keep the backup as safe as the node"
          : ''),
    ),
    ...backup.skipped.map(
      (name) => `  ${name.padEnd(14)}  not copied: rebuilt from the ledger on start`,
    ),
    verified === undefined
      ? 'not verified (--no-verify): run eter verify --data on the backup'
      : `copy: ${verifyReportLine(verified.report, verified.seconds)}`,
  ];
  return `${lines.join('\n')}\n`;
}
