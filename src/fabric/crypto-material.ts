import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FabricInstallation } from './installation';
import { runCommand } from './run-command';
import { paths, type Topology } from './topology';

const SANS = ['127.0.0.1', 'localhost'];

/**
 * cryptogen's input: one CA (and TLS CA) per organisation, a certificate for
 * every orderer and peer with 127.0.0.1 among its names, and an `Admin@`
 * user per organisation for channel and lifecycle commands. NodeOUs are on,
 * so that the MSPs tell peers, orderers, admins and clients apart by the OU
 * in their certificates (Fabric 2+ policies such as `OperatorMSP.peer`).
 */
export function cryptogenConfig(topology: Topology): string {
  const specs = (names: readonly string[], domain: string) =>
    names.length === 0
      ? '    Specs: []\n'
      : '    Specs:\n' +
        names
          .map(
            (name) =>
              `      - Hostname: ${name.slice(0, -domain.length - 1)}\n` +
              `        SANS: [${SANS.join(', ')}]\n`,
          )
          .join('');
  return (
    'OrdererOrgs:\n' +
    `  - Name: Orderer\n    Domain: ${topology.ordererDomain}\n    EnableNodeOUs: true\n` +
    specs(
      topology.orderers.map((o) => o.name),
      topology.ordererDomain,
    ) +
    'PeerOrgs:\n' +
    topology.orgs
      .map(
        (org) =>
          `  - Name: ${org.name}\n    Domain: ${org.domain}\n    EnableNodeOUs: true\n` +
          specs(org.peer ? [org.peer.name] : [], org.domain) +
          '    Users:\n      Count: 0\n',
      )
      .join('')
  );
}

/** Generates every organisation's CA, node and admin certificates with cryptogen. */
export async function generateCrypto(fabric: FabricInstallation, topology: Topology) {
  const { crypto } = paths(topology);
  mkdirSync(topology.dir, { recursive: true });
  const config = join(topology.dir, 'crypto-config.yaml');
  writeFileSync(config, cryptogenConfig(topology));
  await runCommand('crypto', fabric.tool('cryptogen'), [
    'generate',
    `--config=${config}`,
    `--output=${crypto}`,
  ]);
}
