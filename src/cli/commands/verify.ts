import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import type { KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  LEDGER_FILE,
  LedgerStore,
  NODE_KEY_FILE,
  NodeKey,
  defaultVerifyThreads,
  parsePublicKey,
  verifyLedger,
} from '../../ledger/embedded';
import { CliError } from '../cli-error';
import { fabricVerify } from '../fabric-modules';
import { dataOption, existingLedgerDir } from '../data-dir';
import { verifyReportLine } from '../verify-text';

interface VerifyOptions {
  data: string;
  pubkey?: string;
  json?: boolean;
  threads?: number;
  fabricProfile?: string;
  readModel?: string;
}

/** `eter verify`: checks a ledger end to end; exit 0 when sound, 1 when not. */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('check hashes, chain, signatures, Merkle log and world state of a ledger')
    .option(...dataOption)
    .option('--pubkey <file>', "trusted node public key (PEM); default: the data folder's node key")
    .option('--json', 'print the report as JSON')
    .option(
      '--threads <n>',
      'threads that check pages of blocks beside the replay (0: none; default: one a core but one, at most 3, for ledgers of 128 blocks or more)',
      threadCount,
    )
    .option(
      '--fabric-profile <file>',
      "verify a Fabric channel's blocks instead: hash chain, data hashes, orderer signatures",
    )
    .option(
      '--read-model <file>',
      "with --fabric-profile: also check that this read model (a server's read.db, or its data folder) holds exactly the channel's valid tickets",
    )
    .action(async (options: VerifyOptions) => {
      if (options.fabricProfile !== undefined) {
        await fabricVerify().verifyFabric(options.fabricProfile, {
          json: options.json === true,
          ...(options.readModel === undefined ? {} : { readModel: options.readModel }),
        });
        return;
      }
      if (options.readModel !== undefined) {
        throw new CliError('--read-model goes with --fabric-profile');
      }
      const dir = existingLedgerDir(options.data);
      const publicKey = trustedKey(dir, options.pubkey);
      const store = new LedgerStore(join(dir, LEDGER_FILE), { readonly: true });
      const bar =
        process.stderr.isTTY && !options.json
          ? new SingleBar(
              { format: 'verifying {bar} {value}/{total} blocks {eta_formatted}' },
              Presets.shades_classic,
            )
          : undefined;
      const started = process.hrtime.bigint();
      let report;
      try {
        bar?.start(store.blockCount(), 0);
        const threads = options.threads ?? defaultVerifyThreads(store.blockCount());
        report = verifyLedger(store, publicKey, (done) => bar?.update(done), { threads });
      } finally {
        bar?.stop();
        store.close();
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ...report, seconds })}\n`);
      } else {
        process.stdout.write(`${verifyReportLine(report, seconds)}\n`);
      }
      if (!report.ok) process.exitCode = 1;
    });
}

function threadCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new CliError('--threads takes 0 to 64');
  return n;
}

function trustedKey(dir: string, pubkeyFile: string | undefined): KeyObject {
  if (pubkeyFile !== undefined) {
    try {
      return parsePublicKey(readFileSync(pubkeyFile, 'utf8'));
    } catch (error) {
      throw new CliError(`cannot read public key ${pubkeyFile}: ${String(error)}`);
    }
  }
  const keyFile = join(dir, NODE_KEY_FILE);
  if (!existsSync(keyFile)) throw new CliError(`no node key in ${dir}: pass --pubkey`);
  return NodeKey.loadOrCreate(keyFile).publicKey;
}
