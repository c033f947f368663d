import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Channel and chaincode names of Eter's local network. */
export const CHANNEL = 'eter';
export const CHAINCODE = 'eter';

/** A peer organisation of the local network. */
export interface PeerOrg {
  /** MSP id, as the contract sees it (`ctx.clientIdentity.getMSPID()`). */
  readonly mspId: string;
  /** cryptogen's organisation name and DNS domain of its nodes. */
  readonly name: string;
  readonly domain: string;
  /** Whether it runs a peer (endorser); `OtherRetailMSP` only has client identities. */
  readonly peer?: PeerNode;
}

/** A peer process: its ports on 127.0.0.1 and its folders. */
export interface PeerNode {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly chaincodePort: number;
  readonly operationsPort: number;
}

/** An orderer process of the Raft ordering service. */
export interface OrdererNode {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly adminPort: number;
  readonly operationsPort: number;
}

/**
 * Where everything of one local network lives: one data folder, and ports
 * counted from one base port so that two networks can run side by side.
 */
export interface Topology {
  readonly dir: string;
  readonly basePort: number;
  readonly ordererDomain: string;
  readonly orderers: readonly OrdererNode[];
  readonly orgs: readonly PeerOrg[];
  /** Port of the chaincode-as-a-service server both peers dial. */
  readonly chaincodePort: number;
}

/** Options of {@link newTopology}. */
export interface TopologyOptions {
  readonly dir: string;
  /** First port; the network uses ports base .. base+299. Default 7050. */
  readonly basePort?: number;
  /** Raft orderers: 1 (default) or 3, which survives the loss of one. */
  readonly orderers?: number;
}

const HOST = '127.0.0.1';

/** The local network's layout: orderers, the Operator and Retailer peers, and ports. */
export function newTopology(options: TopologyOptions): Topology {
  const base = options.basePort ?? 7050;
  const ordererCount = options.orderers ?? 1;
  const peer = (name: string, port: number): PeerNode => ({
    name,
    host: HOST,
    port,
    chaincodePort: port + 1,
    operationsPort: port + 2,
  });
  return {
    dir: resolve(options.dir),
    basePort: base,
    ordererDomain: 'orderer.eter.local',
    orderers: Array.from({ length: ordererCount }, (_, i) => ({
      name: `orderer${i}.orderer.eter.local`,
      host: HOST,
      port: base + i * 10,
      adminPort: base + i * 10 + 1,
      operationsPort: base + i * 10 + 2,
    })),
    orgs: [
      {
        mspId: 'OperatorMSP',
        name: 'Operator',
        domain: 'operator.eter.local',
        peer: peer('peer0.operator.eter.local', base + 100),
      },
      {
        mspId: 'RetailerMSP',
        name: 'Retailer',
        domain: 'retailer.eter.local',
        peer: peer('peer0.retailer.eter.local', base + 110),
      },
      { mspId: 'OtherRetailMSP', name: 'OtherRetail', domain: 'otherretail.eter.local' },
    ],
    chaincodePort: base + 200,
  };
}

/** Organisations that run a peer. */
export function peerOrgs(topology: Topology): (PeerOrg & { peer: PeerNode })[] {
  return topology.orgs.filter((org): org is PeerOrg & { peer: PeerNode } => !!org.peer);
}

/** Folders and files of the network, all under its data folder. */
export function paths(topology: Topology) {
  const dir = topology.dir;
  const crypto = join(dir, 'crypto');
  const org = (domain: string) => join(crypto, 'peerOrganizations', domain);
  const ordererOrg = join(crypto, 'ordererOrganizations', topology.ordererDomain);
  return {
    crypto,
    org,
    ordererOrg,
    orderer: (name: string) => join(ordererOrg, 'orderers', name),
    peer: (domain: string, name: string) => join(org(domain), 'peers', name),
    orgAdmin: (domain: string) => join(org(domain), 'users', `Admin@${domain}`),
    ordererAdmin: join(ordererOrg, 'users', `Admin@${topology.ordererDomain}`),
    state: (name: string) => join(dir, 'state', name),
    logs: join(dir, 'logs'),
    run: join(dir, 'run'),
    channelBlock: join(dir, 'channel', `${CHANNEL}.block`),
    configtx: join(dir, 'channel'),
    chaincode: join(dir, 'chaincode'),
    wallet: join(dir, 'wallet'),
    profile: join(dir, 'connection-profile.json'),
  };
}

/** File in the data folder recording the options a network was created with. */
const TOPOLOGY_FILE = 'network.json';

/** Records the options of a new network so that later commands rebuild the same topology. */
export function saveTopology(topology: Topology): void {
  const options = { basePort: topology.basePort, orderers: topology.orderers.length };
  writeFileSync(join(topology.dir, TOPOLOGY_FILE), `${JSON.stringify(options)}\n`);
}

/** The topology of the network in `dir`, or `undefined` if none was created there. */
export function readTopology(dir: string): Topology | undefined {
  const file = join(resolve(dir), TOPOLOGY_FILE);
  if (!existsSync(file)) return undefined;
  const options = JSON.parse(readFileSync(file, 'utf8')) as { basePort: number; orderers: number };
  return newTopology({ dir, ...options });
}
