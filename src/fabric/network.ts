import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Identity } from '../ledger/gateway';
import {
  readConnectionProfile,
  type FabricConnectionProfile,
} from '../ledger/fabric/connection-profile';
import { waitUntilEndorsable } from './readiness';
import { waitForRaftLeader } from './raft-leader';
import { existingPackage, packageChaincode } from './chaincode-package';
import { createChannelBlock } from './channel-config';
import { issueClientIdentity, SERVER_IDENTITIES } from './client-identities';
import { generateCrypto } from './crypto-material';
import { NetworkError } from './errors';
import { findInstallation, REPO_ROOT, type FabricInstallation } from './installation';
import { channelHeight, deployChaincode, joinOrderers, joinPeers } from './lifecycle';
import { ordererEnv, peerEnv } from './node-env';
import { isRunning, recordedNodes, startNode, stopNode, type NodeProcess } from './node-processes';
import { CHAINCODE, CHANNEL, paths, peerOrgs, saveTopology, type Topology } from './topology';
import { waitForPort } from './wait-for-port';

/** Chaincode package label; its id is `<label>:<sha256>`. */
const CHAINCODE_LABEL = 'eter_1';
const CHAINCODE_NAME = 'chaincode';

/** Options of {@link networkUp}. */
export interface UpOptions {
  /** Client identities to issue besides {@link SERVER_IDENTITIES}. */
  readonly identities?: readonly Identity[];
  /** Progress lines (`eter fabric up` prints them). */
  readonly log?: (line: string) => void;
}

/** What {@link networkUp} did. */
export interface UpResult {
  /** True when the network was created; false when an existing one was restarted. */
  readonly created: boolean;
  readonly profile: string;
  readonly nodes: readonly NodeProcess[];
}

/**
 * Brings the local network up in `topology.dir`. A new folder gets crypto
 * material, a channel, both peers joined and the chaincode deployed; a
 * folder of a network that was brought down is restarted as it was.
 * @throws {NetworkError} naming the stage that failed; nodes started so far keep running
 * (call {@link networkDown}).
 */
export async function networkUp(topology: Topology, options: UpOptions = {}): Promise<UpResult> {
  const log = options.log ?? (() => {});
  const fabric = findInstallation();
  const p = paths(topology);
  const running = recordedNodes(p.run).filter(isRunning);
  if (running.length > 0) {
    throw new NetworkError(
      'start',
      `already running in ${topology.dir}: ${running.map((n) => n.name).join(', ')}`,
    );
  }
  const created = !existsSync(p.profile);
  if (created) {
    rmSync(topology.dir, { recursive: true, force: true });
    mkdirSync(topology.dir, { recursive: true });
    log(`crypto material (cryptogen, Fabric ${fabric.version})`);
    await generateCrypto(fabric, topology);
    saveTopology(topology);
    const identities = [...SERVER_IDENTITIES, ...(options.identities ?? [])];
    log(`client identities with Eter attributes (${identities.length})`);
    for (const identity of identities) await issueClientIdentity(topology, identity);
    log(`channel ${CHANNEL} genesis block (configtxgen)`);
    await createChannelBlock(fabric, topology);
  }
  const nodes: NodeProcess[] = [];
  nodes.push(...(await startOrderers(fabric, topology, log)));
  if (created) {
    log(`orderers join ${CHANNEL} (osnadmin)`);
    await joinOrderers(fabric, topology);
  }
  nodes.push(...(await startPeers(fabric, topology, log)));
  const pkg = created
    ? await packageChaincode(p.chaincode, CHAINCODE_LABEL, `127.0.0.1:${topology.chaincodePort}`)
    : existingPackage(p.chaincode, CHAINCODE_LABEL);
  nodes.push(await startChaincodeServer(topology, pkg.packageId, log));
  if (created) {
    log('peers join the channel');
    await joinPeers(fabric, topology);
    log('chaincode: install on both peers, approve by both orgs, commit');
    await deployChaincode(fabric, topology, pkg);
    writeProfile(topology);
  }
  log(`Raft leader: ${await waitForRaftLeader(topology)}`);
  log('waiting until both peers can collect endorsements from both orgs');
  await waitUntilEndorsable(readConnectionProfile(p.profile));
  log(`network up in ${topology.dir}; connection profile ${p.profile}`);
  return { created, profile: p.profile, nodes };
}

async function startOrderers(
  fabric: FabricInstallation,
  topology: Topology,
  log: (l: string) => void,
) {
  const p = paths(topology);
  const nodes = topology.orderers.map((o) => {
    log(`start ${o.name} on ${o.host}:${o.port} (admin ${o.adminPort})`);
    return startNode(p, o.name, fabric.tool('orderer'), [], ordererEnv(fabric, topology, o));
  });
  for (const [i, o] of topology.orderers.entries())
    await waitForPort(nodes[i]!, o.host, o.adminPort);
  return nodes;
}

async function startPeers(
  fabric: FabricInstallation,
  topology: Topology,
  log: (l: string) => void,
) {
  const p = paths(topology);
  const orgs = peerOrgs(topology);
  const nodes = orgs.map((org) => {
    log(`start ${org.peer.name} on ${org.peer.host}:${org.peer.port}`);
    return startNode(
      p,
      org.peer.name,
      fabric.tool('peer'),
      ['node', 'start'],
      peerEnv(fabric, topology, org, org.peer),
    );
  });
  for (const [i, org] of orgs.entries()) await waitForPort(nodes[i]!, org.peer.host, org.peer.port);
  return nodes;
}

/**
 * Runs Eter's contracts as a chaincode server (fabric-shim's server mode)
 * that the peers dial; `--module-path` points fabric-shim at a package.json
 * whose main is the compiled contract module exporting `contracts`.
 */
async function startChaincodeServer(
  topology: Topology,
  packageId: string,
  log: (l: string) => void,
) {
  const p = paths(topology);
  const moduleDir = join(p.chaincode, 'module');
  mkdirSync(moduleDir, { recursive: true });
  writeFileSync(
    join(moduleDir, 'package.json'),
    `${JSON.stringify({ name: 'eter-chaincode', main: join(REPO_ROOT, 'dist', 'src', 'contract', 'index.js') })}\n`,
  );
  const address = `127.0.0.1:${topology.chaincodePort}`;
  log(`start chaincode server ${packageId.slice(0, 20)}... on ${address}`);
  const env: NodeJS.ProcessEnv = { ...process.env, CORE_CHAINCODE_LOGGING_LEVEL: 'WARNING' };
  const node = startNode(
    p,
    CHAINCODE_NAME,
    process.execPath,
    [
      require.resolve('fabric-shim/cli'),
      'server',
      '--chaincode-address',
      address,
      '--chaincode-id',
      packageId,
      '--module-path',
      moduleDir,
    ],
    env,
  );
  await waitForPort(node, '127.0.0.1', topology.chaincodePort);
  return node;
}

/** Writes the connection profile that `eter serve --ledger fabric` and the adapter read. */
function writeProfile(topology: Topology) {
  const p = paths(topology);
  const rel = (path: string) => relative(topology.dir, path);
  const profile: FabricConnectionProfile = {
    version: 1,
    channel: CHANNEL,
    chaincode: CHAINCODE,
    peers: peerOrgs(topology).map((org) => ({
      mspId: org.mspId,
      endpoint: `${org.peer.host}:${org.peer.port}`,
      tlsRootCertFile: rel(join(p.peer(org.domain, org.peer.name), 'tls', 'ca.crt')),
      // The certificate's DNS name, since TLS server names may not be IP addresses (RFC 6066).
      hostnameOverride: org.peer.name,
    })),
    wallet: rel(p.wallet),
    reader: { mspId: 'OperatorMSP', id: 'auditor' },
  };
  writeFileSync(p.profile, `${JSON.stringify(profile, null, 2)}\n`);
}

/** Stops every process the network in `dir` recorded, chaincode and peers first. */
export async function networkDown(topology: Topology, log: (line: string) => void = () => {}) {
  const p = paths(topology);
  const order = (n: NodeProcess) =>
    n.name === CHAINCODE_NAME ? 0 : n.name.startsWith('peer') ? 1 : 2;
  const nodes = recordedNodes(p.run).sort((a, b) => order(a) - order(b));
  for (const node of nodes) {
    const was = await stopNode(p.run, node);
    log(`${was ? 'stopped' : 'was not running:'} ${node.name} (pid ${node.pid})`);
  }
  return nodes;
}

/** A process of the network and whether it runs. */
export interface NodeStatus extends NodeProcess {
  readonly running: boolean;
}

/** The network's processes and, when a peer answers, the channel height. */
export async function networkStatus(topology: Topology) {
  const nodes: NodeStatus[] = recordedNodes(paths(topology).run).map((n) => ({
    ...n,
    running: isRunning(n),
  }));
  let height: number | undefined;
  if (nodes.some((n) => n.running && n.name.startsWith('peer'))) {
    height = await channelHeight(findInstallation(), topology).catch(() => undefined);
  }
  return { dir: topology.dir, nodes, channel: CHANNEL, height };
}
