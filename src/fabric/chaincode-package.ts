import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command';

/** A chaincode package for the peer lifecycle, and the id the peers give it. */
export interface ChaincodePackage {
  readonly file: string;
  readonly label: string;
  /** `<label>:<sha256 of the package>`, as `peer lifecycle chaincode install` reports it. */
  readonly packageId: string;
}

/**
 * Packages Eter's chaincode for the `eter-ccaas` external builder: no code,
 * only `connection.json` naming the address of the chaincode server the
 * peers dial (`metadata.json` type `eter-ccaas` makes our builder claim it).
 */
export async function packageChaincode(
  dir: string,
  label: string,
  address: string,
): Promise<ChaincodePackage> {
  const work = join(dir, 'package');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(
    join(work, 'connection.json'),
    `${JSON.stringify({ address, dial_timeout: '10s', tls_required: false })}\n`,
  );
  await runCommand('chaincode', 'tar', [
    '-C',
    work,
    '-czf',
    join(work, 'code.tar.gz'),
    'connection.json',
  ]);
  writeFileSync(join(work, 'metadata.json'), `${JSON.stringify({ type: 'eter-ccaas', label })}\n`);
  const file = join(dir, `${label}.tar.gz`);
  await runCommand('chaincode', 'tar', ['-C', work, '-czf', file, 'metadata.json', 'code.tar.gz']);
  rmSync(work, { recursive: true, force: true });
  return existingPackage(dir, label);
}

/**
 * The package made earlier in `dir`. A restarted network must reuse it: a
 * new tarball has new timestamps, hence a new package id that the peers
 * never installed.
 */
export function existingPackage(dir: string, label: string): ChaincodePackage {
  const file = join(dir, `${label}.tar.gz`);
  const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
  return { file, label, packageId: `${label}:${hash}` };
}
