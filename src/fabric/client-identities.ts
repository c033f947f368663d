import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Identity } from '../ledger/gateway';
import { runCommand } from './run-command';
import { paths, type Topology } from './topology';

/**
 * Fabric CA's certificate extension for attributes (`attrs` in the ECert):
 * its value is the raw JSON `{"attrs":{...}}`, which fabric-shim's
 * ClientIdentity reads for `getAttributeValue`.
 */
const ATTRIBUTES_OID = '1.2.3.4.5.6.7.8.1';

/**
 * The identities the servers use, with the same names as on the embedded
 * ledger (see src/node/local-node.ts), issued by default on every network.
 */
export const SERVER_IDENTITIES: readonly Identity[] = [
  { mspId: 'OperatorMSP', id: 'operator', attributes: { 'eter.role': 'operator' } },
  { mspId: 'OperatorMSP', id: 'query-server', attributes: { 'eter.role': 'query' } },
  { mspId: 'OperatorMSP', id: 'auditor', attributes: { 'eter.role': 'auditor' } },
  { mspId: 'RetailerMSP', id: 'collector', attributes: { 'eter.role': 'collector' } },
];

/** Folder of one identity in a wallet. */
export function walletEntry(wallet: string, identity: Pick<Identity, 'mspId' | 'id'>): string {
  return join(wallet, identity.mspId, identity.id);
}

/**
 * Issues an X.509 client identity signed by its organisation's CA, the way
 * a Fabric CA would enrol it: OU `client` (a NodeOU, so policies count it as
 * `<MSP>.client`), CN the identity's id, and its attributes in Fabric CA's
 * extension. Writes `cert.pem` and `key.pem` (PKCS#8 P-256) into the wallet.
 * cryptogen cannot put attributes into certificates, hence openssl.
 */
export async function issueClientIdentity(topology: Topology, identity: Identity): Promise<void> {
  const org = topology.orgs.find((o) => o.mspId === identity.mspId);
  if (!org) throw new Error(`no organisation ${identity.mspId} in this network`);
  const ca = join(paths(topology).org(org.domain), 'ca');
  const caFiles = readdirSync(ca);
  const caCert = join(ca, caFiles.find((f) => f.endsWith('-cert.pem')) ?? 'missing-cert.pem');
  const caKey = join(ca, 'priv_sk');
  const out = walletEntry(paths(topology).wallet, identity);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const key = join(out, 'key.pem');
  const csr = join(out, 'request.csr');
  const ext = join(out, 'extensions.cnf');
  const attrs = Buffer.from(JSON.stringify({ attrs: identity.attributes ?? {} }), 'utf8');
  writeFileSync(
    ext,
    [
      '[client]',
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, digitalSignature',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
      `${ATTRIBUTES_OID} = DER:${attrs.toString('hex').toUpperCase().match(/../g)!.join(':')}`,
      '',
    ].join('\n'),
  );
  const openssl = 'openssl';
  await runCommand('identity', openssl, [
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-out',
    key,
  ]);
  await runCommand('identity', openssl, [
    'req',
    '-new',
    '-key',
    key,
    '-subj',
    `/C=US/O=${org.domain}/OU=client/CN=${identity.id}`,
    '-out',
    csr,
  ]);
  await runCommand('identity', openssl, [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    caCert,
    '-CAkey',
    caKey,
    '-set_serial',
    `0x${randomBytes(16).toString('hex')}`,
    '-days',
    '3650',
    '-sha256',
    '-extfile',
    ext,
    '-extensions',
    'client',
    '-out',
    join(out, 'cert.pem'),
  ]);
  rmSync(csr);
  rmSync(ext);
}
