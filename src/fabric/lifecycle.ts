import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ENDORSEMENT_POLICY } from './channel-config';
import type { ChaincodePackage } from './chaincode-package';
import { NetworkError } from './errors';
import type { FabricInstallation } from './installation';
import { peerAdminEnv } from './node-env';
import { runCommand } from './run-command';
import { CHAINCODE, CHANNEL, paths, peerOrgs, type Topology } from './topology';

/** The orderer the admin commands send to, with the CA of its TLS certificate. */
function ordererArgs(topology: Topology): string[] {
  const o = topology.orderers[0]!;
  const ca = join(paths(topology).orderer(o.name), 'tls', 'ca.crt');
  return ['-o', `${o.host}:${o.port}`, '--tls', '--cafile', ca];
}

/** Joins every orderer to the channel through its channel participation (admin) API. */
export async function joinOrderers(fabric: FabricInstallation, topology: Topology) {
  const p = paths(topology);
  const tls = join(p.ordererAdmin, 'tls');
  for (const o of topology.orderers) {
    await runCommand('channel', fabric.tool('osnadmin'), [
      'channel',
      'join',
      '--channelID',
      CHANNEL,
      '--config-block',
      p.channelBlock,
      '-o',
      `${o.host}:${o.adminPort}`,
      '--ca-file',
      join(tls, 'ca.crt'),
      '--client-cert',
      join(tls, 'client.crt'),
      '--client-key',
      join(tls, 'client.key'),
    ]);
  }
}

/** Joins each organisation's peer to the channel from the genesis block, as the org's admin. */
export async function joinPeers(fabric: FabricInstallation, topology: Topology) {
  for (const org of peerOrgs(topology)) {
    await runCommand(
      'channel',
      fabric.tool('peer'),
      ['channel', 'join', '-b', paths(topology).channelBlock],
      { env: peerAdminEnv(fabric, topology, org, org.peer) },
    );
  }
}

/**
 * The peer lifecycle for Eter's chaincode: install the package on every
 * peer, approve the definition (with the two-org endorsement policy) as
 * each organisation, then commit it with both orgs' peers endorsing.
 */
export async function deployChaincode(
  fabric: FabricInstallation,
  topology: Topology,
  pkg: ChaincodePackage,
) {
  const orgs = peerOrgs(topology);
  const definition = [
    '--channelID',
    CHANNEL,
    '--name',
    CHAINCODE,
    '--version',
    '1',
    '--sequence',
    '1',
    '--signature-policy',
    ENDORSEMENT_POLICY,
  ];
  for (const org of orgs) {
    const env = peerAdminEnv(fabric, topology, org, org.peer);
    await runCommand(
      'chaincode',
      fabric.tool('peer'),
      ['lifecycle', 'chaincode', 'install', pkg.file],
      {
        env,
      },
    );
  }
  for (const org of orgs) {
    const env = peerAdminEnv(fabric, topology, org, org.peer);
    // The first approval may race the Raft leader election of a new channel.
    await retry(() =>
      runCommand(
        'chaincode',
        fabric.tool('peer'),
        [
          'lifecycle',
          'chaincode',
          'approveformyorg',
          ...ordererArgs(topology),
          ...definition,
          '--package-id',
          pkg.packageId,
          '--waitForEventTimeout',
          '60s',
        ],
        { env },
      ),
    );
  }
  const first = orgs[0]!;
  const peers = orgs.flatMap((org) => [
    '--peerAddresses',
    `${org.peer.host}:${org.peer.port}`,
    '--tlsRootCertFiles',
    join(paths(topology).peer(org.domain, org.peer.name), 'tls', 'ca.crt'),
  ]);
  await runCommand(
    'chaincode',
    fabric.tool('peer'),
    ['lifecycle', 'chaincode', 'commit', ...ordererArgs(topology), ...definition, ...peers],
    { env: peerAdminEnv(fabric, topology, first, first.peer) },
  );
}

/** The channel's height as the first peer sees it. */
export async function channelHeight(
  fabric: FabricInstallation,
  topology: Topology,
): Promise<number> {
  const org = peerOrgs(topology)[0]!;
  const { stdout, stderr } = await runCommand(
    'channel',
    fabric.tool('peer'),
    ['channel', 'getinfo', '-c', CHANNEL],
    { env: peerAdminEnv(fabric, topology, org, org.peer), timeoutMs: 10_000 },
  );
  const match = /"height":(\d+)/.exec(stdout + stderr);
  if (!match) throw new NetworkError('channel', 'peer channel getinfo printed no height');
  return Number(match[1]);
}

async function retry<T>(attempt: () => Promise<T>, tries = 10): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries) throw error;
      await sleep(1000);
    }
  }
}
