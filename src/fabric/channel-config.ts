import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FabricInstallation } from './installation';
import { runCommand } from './run-command';
import { CHANNEL, paths, peerOrgs, type Topology } from './topology';

/** Block cutting of the local orderers: small batches, cut quickly, for latency. */
export const BLOCK_CUTTING = {
  batchTimeout: '100ms',
  maxMessageCount: 200,
  absoluteMaxBytes: '10 MB',
  preferredMaxBytes: '2 MB',
} as const;

/**
 * The endorsement policy of Eter's chaincode: a peer of the operator and a
 * peer of the retailer must both sign every transaction's results.
 */
export const ENDORSEMENT_POLICY = "AND('OperatorMSP.peer','RetailerMSP.peer')";

const sig = (rule: string) => `        Type: Signature\n        Rule: "${rule}"\n`;
const meta = (rule: string) => `        Type: ImplicitMeta\n        Rule: "${rule}"\n`;

/**
 * configtx.yaml for the channel's genesis block: the orderer organisation
 * and the peer organisations with their MSPs and policies, an etcdraft
 * ordering service with every orderer as consenter, V2_5 application
 * capabilities, and a lifecycle endorsement policy that needs both orgs
 * that run peers. Anchor peers let each gateway discover the other org's
 * peer, which it needs to collect both endorsements.
 */
export function configtxYaml(topology: Topology): string {
  const p = paths(topology);
  const orgs = topology.orgs
    .map((org) => {
      const msp = org.mspId;
      return (
        `  - &${org.name}\n` +
        `    Name: ${msp}\n    ID: ${msp}\n    MSPDir: ${join(p.org(org.domain), 'msp')}\n` +
        '    Policies:\n' +
        `      Readers:\n${sig(`OR('${msp}.admin','${msp}.peer','${msp}.client')`)}` +
        `      Writers:\n${sig(`OR('${msp}.admin','${msp}.client')`)}` +
        `      Admins:\n${sig(`OR('${msp}.admin')`)}` +
        `      Endorsement:\n${sig(`OR('${msp}.peer')`)}` +
        (org.peer
          ? `    AnchorPeers:\n      - Host: ${org.peer.host}\n        Port: ${org.peer.port}\n`
          : '')
      );
    })
    .join('');
  const ordererOrg =
    '  - &OrdererOrg\n' +
    `    Name: OrdererMSP\n    ID: OrdererMSP\n    MSPDir: ${join(p.ordererOrg, 'msp')}\n` +
    '    Policies:\n' +
    `      Readers:\n${sig("OR('OrdererMSP.member')")}` +
    `      Writers:\n${sig("OR('OrdererMSP.member')")}` +
    `      Admins:\n${sig("OR('OrdererMSP.admin')")}` +
    '    OrdererEndpoints:\n' +
    topology.orderers.map((o) => `      - ${o.host}:${o.port}\n`).join('');
  const consenters = topology.orderers
    .map((o) => {
      const tls = join(p.orderer(o.name), 'tls', 'server.crt');
      return (
        `        - Host: ${o.host}\n          Port: ${o.port}\n` +
        `          ClientTLSCert: ${tls}\n          ServerTLSCert: ${tls}\n`
      );
    })
    .join('');
  const endorsers = peerOrgs(topology)
    .map((org) => `'${org.mspId}.peer'`)
    .join(',');
  return (
    `Organizations:\n${ordererOrg}${orgs}` +
    'Profiles:\n  EterChannel:\n' +
    '    Capabilities:\n      V3_0: true\n' +
    '    Policies:\n' +
    `      Readers:\n${meta('ANY Readers')}` +
    `      Writers:\n${meta('ANY Writers')}` +
    `      Admins:\n${meta('MAJORITY Admins')}` +
    '    Orderer:\n' +
    '      OrdererType: etcdraft\n' +
    `      BatchTimeout: ${BLOCK_CUTTING.batchTimeout}\n` +
    '      BatchSize:\n' +
    `        MaxMessageCount: ${BLOCK_CUTTING.maxMessageCount}\n` +
    `        AbsoluteMaxBytes: ${BLOCK_CUTTING.absoluteMaxBytes}\n` +
    `        PreferredMaxBytes: ${BLOCK_CUTTING.preferredMaxBytes}\n` +
    '      EtcdRaft:\n        Consenters:\n' +
    consenters +
    '        Options:\n' +
    '          TickInterval: 100ms\n          ElectionTick: 10\n          HeartbeatTick: 1\n' +
    '          MaxInflightBlocks: 5\n          SnapshotIntervalSize: 16 MB\n' +
    '      Organizations:\n        - *OrdererOrg\n' +
    '      Capabilities:\n        V2_0: true\n' +
    '      Policies:\n' +
    `        Readers:\n${meta('ANY Readers').replace(/^ {8}/gm, '          ')}` +
    `        Writers:\n${meta('ANY Writers').replace(/^ {8}/gm, '          ')}` +
    `        Admins:\n${meta('MAJORITY Admins').replace(/^ {8}/gm, '          ')}` +
    `        BlockValidation:\n${meta('ANY Writers').replace(/^ {8}/gm, '          ')}` +
    '    Application:\n' +
    '      Organizations:\n' +
    topology.orgs.map((org) => `        - *${org.name}\n`).join('') +
    '      Capabilities:\n        V2_5: true\n' +
    '      Policies:\n' +
    `        Readers:\n${meta('ANY Readers').replace(/^ {8}/gm, '          ')}` +
    `        Writers:\n${meta('ANY Writers').replace(/^ {8}/gm, '          ')}` +
    `        Admins:\n${meta('MAJORITY Admins').replace(/^ {8}/gm, '          ')}` +
    `        LifecycleEndorsement:\n${sig(`AND(${endorsers})`).replace(/^ {8}/gm, '          ')}` +
    `        Endorsement:\n${sig(`AND(${endorsers})`).replace(/^ {8}/gm, '          ')}`
  );
}

/** Writes configtx.yaml and creates the channel's genesis block with configtxgen. */
export async function createChannelBlock(fabric: FabricInstallation, topology: Topology) {
  const p = paths(topology);
  mkdirSync(p.configtx, { recursive: true });
  writeFileSync(join(p.configtx, 'configtx.yaml'), configtxYaml(topology));
  await runCommand(
    'channel-config',
    fabric.tool('configtxgen'),
    ['-profile', 'EterChannel', '-outputBlock', p.channelBlock, '-channelID', CHANNEL],
    { env: { ...process.env, FABRIC_CFG_PATH: p.configtx } },
  );
}
