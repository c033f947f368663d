import type { Command } from 'commander';
import { resolve } from 'node:path';
import { ContractClient } from '../../client/contract-client';
import { EmbeddedLedger } from '../../ledger/embedded';
import { bootstrapIfNew, openLocalLedger } from '../../node/local-node';
import { dataOption } from '../data-dir';

/** `eter init`: creates a local ledger and bootstraps its operator. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a local embedded ledger and bootstrap its operator')
    .option(...dataOption)
    .action(async (options: { data: string }) => {
      const dir = resolve(options.data);
      const existed = EmbeddedLedger.exists(dir);
      const ledger = openLocalLedger(dir);
      try {
        const bootstrapTx = await bootstrapIfNew(new ContractClient(ledger));
        process.stdout.write(
          bootstrapTx === undefined
            ? `ledger ${ledger.ledgerId} in ${dir} is already initialised\n`
            : `created ledger ${ledger.ledgerId} in ${dir} (bootstrap transaction ${bootstrapTx})\n`,
        );
        if (!existed) process.stdout.write(`node public key: ${dir}/node-key.pem (eter pubkey)\n`);
      } finally {
        await ledger.close();
      }
    });
}
