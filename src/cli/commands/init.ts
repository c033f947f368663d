import type { Command } from 'commander';
import { resolve } from 'node:path';
import { ContractCallError, ContractClient } from '../../client/contract-client';
import { EmbeddedLedger } from '../../ledger/embedded';
import { LOCAL_OPERATOR_MSP, localIdentities, openLocalLedger } from '../../node/local-node';
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
        const eter = new ContractClient(ledger);
        try {
          const tx = await eter.bootstrap(localIdentities.operator, {
            operatorMspId: LOCAL_OPERATOR_MSP,
          });
          process.stdout.write(
            `created ledger ${ledger.ledgerId} in ${dir} (bootstrap transaction ${tx.transactionId})\n`,
          );
        } catch (error) {
          if (!(error instanceof ContractCallError && error.code === 'CONFLICT')) throw error;
          process.stdout.write(`ledger ${ledger.ledgerId} in ${dir} is already initialised\n`);
        }
        if (!existed) process.stdout.write(`node public key: ${dir}/node-key.pem (eter pubkey)\n`);
      } finally {
        await ledger.close();
      }
    });
}
