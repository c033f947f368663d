import type { Command } from 'commander';
import { resolve } from 'node:path';
import { ContractCallError, ContractClient } from '../../client/contract-client';
import {
  bootstrapIfNew,
  LOCAL_RETAILER_MSP,
  localIdentities,
  openLocalLedger,
} from '../../node/local-node';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ErasureError } from '../../ledger/embedded';
import { READ_MODEL_FILE, ReadModel } from '../../readmodel';
import { UserStore } from '../../api/auth/user-store';
import { forgetErasedCustomer, newErasureId } from '../../node/customer-erasure';
import { ACCESS_DB } from './serve';
import { CliError } from '../cli-error';
import { dataOption } from '../data-dir';

/**
 * `eter participants`: the operator registers, suspends and reinstates
 * stores, manufacturers and customers on the local ledger. (While a server
 * holds the ledger, the ledger refuses a second process: stop it first.)
 */
export function registerParticipants(program: Command): void {
  const participants = program
    .command('participants')
    .description('register, suspend and reinstate stores, manufacturers and customers (operator)');

  /** Runs one operator call on the local ledger and prints the record. */
  const run = async (data: string, call: (eter: ContractClient) => Promise<{ value: unknown }>) => {
    const ledger = openLocalLedger(resolve(data));
    try {
      const eter = new ContractClient(ledger);
      await bootstrapIfNew(eter);
      const tx = await call(eter);
      process.stdout.write(`${JSON.stringify(tx.value, null, 2)}\n`);
    } catch (error) {
      if (error instanceof ContractCallError) {
        const details = error.failure.details
          .map((d) => `\n  ${d.path || '/'}: ${d.message} (${d.rule})`)
          .join('');
        throw new CliError(`${error.code}: ${error.message}${details}`, 1);
      }
      throw error;
    } finally {
      await ledger.close();
    }
  };

  participants
    .command('add-store')
    .requiredOption('--id <storeId>')
    .requiredOption('--name <name>')
    .option('--msp <mspId>', 'organisation whose collectors record its tickets', LOCAL_RETAILER_MSP)
    .option(
      '--retailer <retailerId>',
      'the retailer (chain) it belongs to; returns cross stores only within one (default: a retailer of its own, the store id)',
    )
    .option('--rate <bp>', 'points per ticket total, basis points (100 = 1 %)')
    .option(...dataOption)
    .action(
      (o: {
        id: string;
        name: string;
        msp: string;
        retailer?: string;
        rate?: string;
        data: string;
      }) =>
        run(o.data, (eter) =>
          eter.registerStore(localIdentities.operator, {
            storeId: o.id,
            name: o.name,
            mspId: o.msp,
            ...(o.retailer === undefined ? {} : { retailerId: o.retailer }),
            ...(o.rate === undefined ? {} : { pointsRateBp: Number(o.rate) }),
          }),
        ),
    );

  participants
    .command('add-manufacturer')
    .requiredOption('--id <manufacturerId>')
    .requiredOption('--name <name>')
    .requiredOption('--prefix <prefixes...>', 'GS1 company prefixes it owns')
    .option(...dataOption)
    .action((o: { id: string; name: string; prefix: string[]; data: string }) =>
      run(o.data, (eter) =>
        eter.registerManufacturer(localIdentities.operator, {
          manufacturerId: o.id,
          name: o.name,
          prefixes: o.prefix,
        }),
      ),
    );

  participants
    .command('add-customer')
    .requiredOption(
      '--id <customerId>',
      'pseudonymous loyalty id (never a name, e-mail or card number)',
    )
    .option(...dataOption)
    .action((o: { id: string; data: string }) =>
      run(o.data, (eter) => eter.registerCustomer(localIdentities.operator, { customerId: o.id })),
    );

  participants
    .command('erase-customer')
    .description(
      'erase a customer: delete the values and salts of every part naming them, with a signed erasure record (docs/ledger.md)',
    )
    .argument('<customerId>')
    .requiredOption('--reason <code>', 'why, as a code: lowercase letters, digits and dashes')
    .option('--reference <text>', 'your case reference (must not name the customer)')
    .option('--erasure-id <id>', 'the erasure record id (default: er- and a random UUID)')
    .option(...dataOption)
    .action(
      async (
        customerId: string,
        o: { reason: string; reference?: string; erasureId?: string; data: string },
      ) => {
        const dir = resolve(o.data);
        const ledger = openLocalLedger(dir);
        let erased;
        try {
          erased = await ledger.eraseCustomer(localIdentities.operator, customerId, {
            erasureId: o.erasureId ?? newErasureId(customerId),
            reason: o.reason,
            ...(o.reference === undefined ? {} : { reference: o.reference }),
          });
        } catch (error) {
          if (error instanceof ErasureError)
            throw new CliError(`${error.code}: ${error.message}`, 1);
          throw error;
        } finally {
          await ledger.close();
        }
        // Off the ledger: the read model's rows (a server projects into the same file) and the
        // customer's logins in the access database go now.
        const readModelFile = join(dir, READ_MODEL_FILE);
        const accessFile = join(dir, ACCESS_DB);
        const readModel = existsSync(readModelFile) ? ReadModel.open(readModelFile) : undefined;
        const users = existsSync(accessFile) ? new UserStore(accessFile) : undefined;
        let logins;
        try {
          logins = forgetErasedCustomer(customerId, {
            ...(readModel === undefined ? {} : { readModel }),
            ...(users === undefined ? {} : { users }),
          });
        } finally {
          readModel?.close();
          users?.close();
        }
        process.stdout.write(`${JSON.stringify({ ...erased, logins }, null, 2)}\n`);
      },
    );

  for (const [command, status] of [
    ['suspend', 'suspended'],
    ['reinstate', 'active'],
  ] as const) {
    participants
      .command(command)
      .requiredOption('--kind <kind>', 'store | manufacturer | customer')
      .requiredOption('--id <id>')
      .option(...dataOption)
      .action((o: { kind: string; id: string; data: string }) => {
        if (!['store', 'manufacturer', 'customer'].includes(o.kind)) {
          throw new CliError('--kind is store, manufacturer or customer');
        }
        return run(o.data, (eter) =>
          eter.setParticipantStatus(localIdentities.operator, {
            kind: o.kind as 'store' | 'manufacturer' | 'customer',
            id: o.id,
            status,
          }),
        );
      });
  }
}
