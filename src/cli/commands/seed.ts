import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { ContractClient } from '../../client/contract-client';
import {
  LEDGER_FILE,
  LedgerProofs,
  LedgerStore,
  checkInclusionProof,
  verifyLedger,
} from '../../ledger/embedded';
import {
  bootstrapIfNew,
  LOCAL_RETAILER_MSP,
  localIdentities,
  openLocalLedger,
} from '../../node/local-node';
import { provisionNetwork } from '../../sim/provision';
import { SyntheticWorkload } from '../../sim/workload';
import { dataOption } from '../data-dir';
import { join } from 'node:path';

interface SeedOptions {
  data: string;
  tickets: string;
}

/**
 * `eter seed`: demo participants and synthetic tickets recorded straight on
 * a local ledger (no server), then a verification and a proof: the ledger
 * core at work in seconds, and data to try the other commands on.
 */
export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description(
      'record demo participants and N synthetic tickets on a local ledger (no server), then verify it',
    )
    .option(...dataOption)
    .option('--tickets <n>', 'synthetic tickets to record', '5000')
    .action(async (options: SeedOptions) => {
      const count = Number(options.tickets);
      const dir = resolve(options.data);
      const ledger = openLocalLedger(dir);
      const eter = new ContractClient(ledger);
      const workload = new SyntheticWorkload({
        stores: 12,
        customers: 500,
        seed: Date.now() % 100_000,
      });
      const out = (line: string) => process.stdout.write(`${line}\n`);
      try {
        if ((await bootstrapIfNew(eter)) !== undefined) {
          await provisionNetwork(eter, workload, localIdentities, LOCAL_RETAILER_MSP);
          out(
            `ledger ${ledger.ledgerId} created in ${dir}: 12 stores, 8 manufacturers, 500 customers`,
          );
        } else {
          out(`adding to the existing ledger in ${dir}`);
        }
        const bar = process.stdout.isTTY
          ? new SingleBar(
              { format: 'tickets {bar} {value}/{total} {eta_formatted}' },
              Presets.shades_classic,
            )
          : undefined;
        bar?.start(count, 0);
        const started = performance.now();
        let done = 0;
        let lastTx = '';
        let points = 0;
        await Promise.all(
          Array.from({ length: 200 }, async () => {
            while (done < count) {
              done++;
              const tx = await eter.recordTicket(localIdentities.collector, workload.nextTicket());
              lastTx = tx.transactionId;
              points += tx.value.pointsAwarded;
              bar?.increment();
            }
          }),
        );
        bar?.stop();
        const seconds = (performance.now() - started) / 1000;
        out(
          `recorded ${count} tickets in ${seconds.toFixed(1)} s (${Math.round(count / seconds)}/s), ${points} points awarded`,
        );
        out(`ledger height: ${await ledger.height()} blocks`);
        await ledger.close();

        const store = new LedgerStore(join(dir, LEDGER_FILE), { readonly: true });
        try {
          const report = verifyLedger(store, ledger.key.publicKey);
          out(
            report.ok
              ? `eter verify: sound (${report.transactions} transactions)`
              : `eter verify: NOT SOUND ${JSON.stringify(report.failure)}`,
          );
          const proof = checkInclusionProof(
            new LedgerProofs(store).inclusion(lastTx),
            ledger.key.publicKey,
          );
          out(
            `proof: ticket transaction ${lastTx.slice(0, 16)}… is leaf ${proof.record.seq} of the log signed at block ${proof.head.number}`,
          );
        } finally {
          store.close();
        }
        out('');
        out('next (eter is node bin/eter.js, or eter after npm link):');
        out(`      eter verify --data ${options.data}`);
        out(`      eter proof --data ${options.data} --tx ${lastTx} > proof.json`);
        out(
          `      eter pubkey --data ${options.data} > node.pem && eter check-proof proof.json --pubkey node.pem`,
        );
      } finally {
        await ledger.close();
      }
    });
}
