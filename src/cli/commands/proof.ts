import type { Command } from 'commander';
import { join } from 'node:path';
import { GatewayError } from '../../ledger/gateway';
import { LEDGER_FILE, LedgerProofs, LedgerStore } from '../../ledger/embedded';
import { CliError } from '../cli-error';
import { dataOption, existingLedgerDir } from '../data-dir';

interface ProofOptions {
  data: string;
  tx?: string;
  atBlock?: string;
  fromBlock?: string;
  toBlock?: string;
}

/** `eter proof`: prints an inclusion or consistency proof with its signed head(s), as JSON. */
export function registerProof(program: Command): void {
  program
    .command('proof')
    .description('print an inclusion proof (--tx) or a consistency proof (--from-block) as JSON')
    .option(...dataOption)
    .option('--tx <txId>', 'transaction to prove')
    .option('--at-block <n>', 'prove against the head of this block (default: newest)')
    .option('--from-block <n>', 'consistency proof from the head of this block')
    .option('--to-block <n>', 'consistency proof to the head of this block (default: newest)')
    .action((options: ProofOptions) => {
      const dir = existingLedgerDir(options.data);
      if ((options.tx === undefined) === (options.fromBlock === undefined)) {
        throw new CliError('give either --tx TXID or --from-block N');
      }
      const store = new LedgerStore(join(dir, LEDGER_FILE), { readonly: true });
      try {
        const proofs = new LedgerProofs(store);
        const bundle =
          options.tx !== undefined
            ? proofs.inclusion(options.tx, blockNumber(options.atBlock, '--at-block'))
            : proofs.consistency(
                blockNumber(options.fromBlock, '--from-block') ?? 0,
                blockNumber(options.toBlock, '--to-block'),
              );
        process.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
      } catch (error) {
        if (error instanceof GatewayError) throw new CliError(error.message, 1);
        throw error;
      } finally {
        store.close();
      }
    });
}

function blockNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new CliError(`${flag} takes a block number, not "${text}"`);
  return Number(text);
}
