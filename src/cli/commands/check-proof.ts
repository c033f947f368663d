import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import {
  checkConsistencyProof,
  checkInclusionProof,
  parsePublicKey,
  ProofCheckError,
  type ConsistencyProofBundle,
  type InclusionProofBundle,
} from '../../ledger/embedded';
import { CliError } from '../cli-error';

/** `eter check-proof`: checks a proof file offline against a node public key. */
export function registerCheckProof(program: Command): void {
  program
    .command('check-proof')
    .description('check an inclusion or consistency proof offline; exit 0 when it holds')
    .argument('<file>', 'proof JSON, as printed by eter proof ("-" for standard input)')
    .requiredOption('--pubkey <file>', 'node public key (PEM), as printed by eter pubkey')
    .action((file: string, options: { pubkey: string }) => {
      const publicKey = parsePublicKey(readText(options.pubkey));
      let bundle: { format?: unknown };
      try {
        bundle = JSON.parse(readText(file)) as { format?: unknown };
      } catch (error) {
        throw new CliError(`${file} is not JSON: ${String(error)}`);
      }
      try {
        if (bundle.format === 'eter-consistency-proof/v1') {
          const { from, to } = checkConsistencyProof(bundle as ConsistencyProofBundle, publicKey);
          process.stdout.write(
            `consistent: block ${to.number} (log size ${to.logSize}) extends block ${from.number} (log size ${from.logSize})\n`,
          );
        } else {
          const { record, head } = checkInclusionProof(bundle as InclusionProofBundle, publicKey);
          process.stdout.write(
            `included: transaction ${record.txId} (${record.contract}:${record.fn}, ${record.validation}) ` +
              `is leaf ${record.seq} of the log signed at block ${head.number} (size ${head.logSize})\n`,
          );
        }
      } catch (error) {
        if (error instanceof ProofCheckError)
          throw new CliError(`proof does not hold: ${error.code}: ${error.message}`, 1);
        throw error;
      }
    });
}

function readText(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${String(error)}`);
  }
}
