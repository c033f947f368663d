import type { Command } from 'commander';
import { join } from 'node:path';
import { NodeKey, NODE_KEY_FILE } from '../../ledger/embedded';
import { dataOption, existingLedgerDir } from '../data-dir';

/** `eter pubkey`: prints the node's Ed25519 public key, which signs every block. */
export function registerPubkey(program: Command): void {
  program
    .command('pubkey')
    .description("print the node's public key (PEM), to check signed heads and proofs with")
    .option(...dataOption)
    .action((options: { data: string }) => {
      const key = NodeKey.loadOrCreate(join(existingLedgerDir(options.data), NODE_KEY_FILE));
      process.stdout.write(key.publicKeyPem());
    });
}
