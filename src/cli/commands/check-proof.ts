import type { Command } from 'commander';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FabricChainDocument, FabricInclusionDocument } from '../../ledger/fabric';
import {
  checkConsistencyProof,
  checkElementProof,
  checkInclusionProof,
  parsePublicKey,
  ProofCheckError,
  PublicKeyError,
  type ConsistencyProofBundle,
  type ElementProofBundle,
  type AnyInclusionProofBundle,
  type PublicKey,
} from '../../ledger/verifier';
import { CliError } from '../cli-error';
import { fabricLedger } from '../fabric-modules';

/**
 * `eter check-proof`: checks a proof file offline, an embedded ledger's
 * against a node public key with the one verifier (the same code the web app
 * runs), a Fabric one (`kind: fabric-block`) against the orderer root CAs.
 */
export function registerCheckProof(program: Command): void {
  program
    .command('check-proof')
    .description(
      'check an inclusion, element (a ticket line) or consistency proof offline; exit 0 when it holds',
    )
    .argument(
      '<file>',
      'proof JSON, as printed by eter proof or served by the API ("-" for standard input)',
    )
    .option('--pubkey <file>', 'node public key (PEM), as printed by eter pubkey')
    .option(
      '--orderer-ca <file>',
      "for Fabric proofs: the orderer organisations' root CA certificates (PEM)",
    )
    .action((file: string, options: { pubkey?: string; ordererCa?: string }) => {
      let bundle: { format?: unknown; kind?: unknown };
      try {
        bundle = JSON.parse(readText(file)) as { format?: unknown; kind?: unknown };
      } catch (error) {
        throw new CliError(`${file} is not JSON: ${String(error)}`);
      }
      if (bundle.kind === 'fabric-block') {
        checkFabric(bundle, options.ordererCa);
        return;
      }
      if (options.pubkey === undefined)
        throw new CliError('an embedded ledger proof needs --pubkey');
      const publicKey = readPublicKey(options.pubkey);
      try {
        if (bundle.format === 'eter-consistency-proof/v1') {
          const { from, to } = checkConsistencyProof(bundle as ConsistencyProofBundle, publicKey);
          process.stdout.write(
            `consistent: block ${to.number} (log size ${to.logSize}) extends block ${from.number} (log size ${from.logSize})\n`,
          );
        } else if (bundle.format === 'eter-element-proof/v1') {
          const { leaf, head, elements } = checkElementProof(
            bundle as ElementProofBundle,
            publicKey,
          );
          process.stdout.write(
            `included: ${elements.length} element(s) of transaction ${leaf.txId} (${leaf.contract}:${leaf.fn}, ${leaf.validation}) ` +
              `at leaf ${leaf.seq} of the log signed at block ${head.number} (size ${head.logSize})\n` +
              elements.map((element) => `element: ${JSON.stringify(element)}\n`).join('') +
              `withheld: every other part (folded into one digest) and element (${leaf.elements?.length ?? 0} digests with decoys)\n`,
          );
        } else {
          const { record, head, parts } = checkInclusionProof(
            bundle as AnyInclusionProofBundle,
            publicKey,
          );
          process.stdout.write(
            `included: transaction ${record.txId} (${record.contract}:${record.fn}, ${record.validation}) ` +
              `is leaf ${record.seq} of the log signed at block ${head.number} (size ${head.logSize})\n` +
              `record version ${record.v}\n` +
              `disclosed: ${parts.disclosed.join(', ') || 'nothing'}\n` +
              `withheld (commitments only): ${parts.withheld.join(', ') || 'nothing'}\n`,
          );
        }
      } catch (error) {
        if (error instanceof ProofCheckError)
          throw new CliError(`proof does not hold: ${error.code}: ${error.message}`, 1);
        throw error;
      }
    });
}

function checkFabric(bundle: { format?: unknown }, ordererCa: string | undefined): void {
  if (ordererCa === undefined) throw new CliError('a Fabric proof needs --orderer-ca');
  const roots = certificates(readText(ordererCa), ordererCa);
  const { checkFabricChain, checkFabricInclusion, FabricProofError } = fabricLedger();
  try {
    if (bundle.format === 'eter-fabric-chain/v1') {
      const chain = checkFabricChain(bundle as FabricChainDocument, roots);
      process.stdout.write(
        `chained: blocks ${chain.from} to ${chain.to}, block ${chain.to} signed by the orderers\n`,
      );
    } else {
      const checked = checkFabricInclusion(bundle as FabricInclusionDocument, roots);
      const fn = Buffer.from(checked.call.args[0] ?? []).toString('utf8');
      process.stdout.write(
        `included: transaction ${checked.call.txId} (${checked.call.chaincode} ${fn}) is in block ` +
          `${checked.blockNumber} (header ${checked.headerHash}), signed by the orderers` +
          (checked.signedBlock === checked.blockNumber
            ? ''
            : ` and chained to block ${checked.signedBlock}`) +
          '\n',
      );
    }
  } catch (error) {
    if (error instanceof FabricProofError)
      throw new CliError(`proof does not hold: ${error.code}: ${error.message}`, 1);
    throw error;
  }
}

/** Every certificate of a PEM file. */
function certificates(pem: string, file: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new CliError(`no certificate in ${file}`);
  try {
    return blocks.map((block) => new X509Certificate(block));
  } catch (error) {
    throw new CliError(`bad certificate in ${file}: ${String(error)}`);
  }
}

function readPublicKey(file: string): PublicKey {
  try {
    return parsePublicKey(readText(file));
  } catch (error) {
    if (error instanceof PublicKeyError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${String(error)}`);
  }
}
