import { join } from 'node:path';
import { REPO_ROOT, type FabricInstallation } from './installation';
import { paths, type OrdererNode, type PeerNode, type PeerOrg, type Topology } from './topology';

type Env = Record<string, string>;

/** Removes every inherited CORE_ and ORDERER_ variable, which would override ours. */
function baseEnv(fabric: FabricInstallation): Env {
  const env: Env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(CORE|ORDERER|FABRIC)_/.test(key)) env[key] = value;
  }
  env.FABRIC_CFG_PATH = fabric.config;
  env.FABRIC_LOGGING_SPEC = 'info:gossip=warning:msp=warning:grpc=warning';
  return env;
}

/**
 * An orderer's settings over Fabric's sample orderer.yaml: its own ports
 * and folders, TLS for clients and for the Raft cluster, no system channel
 * (channels join through the channel participation API), and the admin
 * endpoint requiring TLS client certificates of the orderer organisation.
 */
export function ordererEnv(fabric: FabricInstallation, topology: Topology, node: OrdererNode): Env {
  const p = paths(topology);
  const dir = p.orderer(node.name);
  const tls = join(dir, 'tls');
  const state = p.state(node.name);
  const rootCas = `[${join(tls, 'ca.crt')}]`;
  return {
    ...baseEnv(fabric),
    ORDERER_GENERAL_LISTENADDRESS: node.host,
    ORDERER_GENERAL_LISTENPORT: String(node.port),
    ORDERER_GENERAL_LOCALMSPID: 'OrdererMSP',
    ORDERER_GENERAL_LOCALMSPDIR: join(dir, 'msp'),
    ORDERER_GENERAL_BOOTSTRAPMETHOD: 'none',
    ORDERER_GENERAL_TLS_ENABLED: 'true',
    ORDERER_GENERAL_TLS_PRIVATEKEY: join(tls, 'server.key'),
    ORDERER_GENERAL_TLS_CERTIFICATE: join(tls, 'server.crt'),
    ORDERER_GENERAL_TLS_ROOTCAS: rootCas,
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE: join(tls, 'server.crt'),
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY: join(tls, 'server.key'),
    ORDERER_GENERAL_CLUSTER_ROOTCAS: rootCas,
    ORDERER_CHANNELPARTICIPATION_ENABLED: 'true',
    ORDERER_ADMIN_LISTENADDRESS: `${node.host}:${node.adminPort}`,
    ORDERER_ADMIN_TLS_ENABLED: 'true',
    ORDERER_ADMIN_TLS_CERTIFICATE: join(tls, 'server.crt'),
    ORDERER_ADMIN_TLS_PRIVATEKEY: join(tls, 'server.key'),
    ORDERER_ADMIN_TLS_ROOTCAS: rootCas,
    ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: 'true',
    ORDERER_ADMIN_TLS_CLIENTROOTCAS: rootCas,
    ORDERER_FILELEDGER_LOCATION: join(state, 'ledger'),
    ORDERER_CONSENSUS_WALDIR: join(state, 'etcdraft', 'wal'),
    ORDERER_CONSENSUS_SNAPDIR: join(state, 'etcdraft', 'snapshot'),
    ORDERER_OPERATIONS_LISTENADDRESS: `${node.host}:${node.operationsPort}`,
    // Prometheus metrics on the operations port say which orderer leads Raft.
    ORDERER_METRICS_PROVIDER: 'prometheus',
  };
}

/**
 * A peer's settings over Fabric's sample core.yaml: its ports and folders,
 * TLS, gossip pointed at itself (anchor peers in the channel config make the
 * orgs find each other), the gateway service on, and Eter's external builder
 * for chaincode-as-a-service instead of Docker.
 */
export function peerEnv(
  fabric: FabricInstallation,
  topology: Topology,
  org: PeerOrg,
  node: PeerNode,
): Env {
  const p = paths(topology);
  const dir = p.peer(org.domain, node.name);
  const tls = join(dir, 'tls');
  const address = `${node.host}:${node.port}`;
  return {
    ...baseEnv(fabric),
    CORE_PEER_ID: node.name,
    CORE_PEER_ADDRESS: address,
    CORE_PEER_LISTENADDRESS: address,
    CORE_PEER_CHAINCODEADDRESS: `${node.host}:${node.chaincodePort}`,
    CORE_PEER_CHAINCODELISTENADDRESS: `${node.host}:${node.chaincodePort}`,
    CORE_PEER_GOSSIP_BOOTSTRAP: address,
    CORE_PEER_GOSSIP_EXTERNALENDPOINT: address,
    // Sample intervals are for WANs (25 s before a failed gossip connection is
    // retried); on one host, the orgs find each other within seconds this way.
    CORE_PEER_GOSSIP_ALIVETIMEINTERVAL: '1s',
    CORE_PEER_GOSSIP_ALIVEEXPIRATIONTIMEOUT: '5s',
    CORE_PEER_GOSSIP_RECONNECTINTERVAL: '1s',
    CORE_PEER_GOSSIP_MEMBERSHIPTRACKERINTERVAL: '1s',
    CORE_PEER_LOCALMSPID: org.mspId,
    CORE_PEER_MSPCONFIGPATH: join(dir, 'msp'),
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_CERT_FILE: join(tls, 'server.crt'),
    CORE_PEER_TLS_KEY_FILE: join(tls, 'server.key'),
    CORE_PEER_TLS_ROOTCERT_FILE: join(tls, 'ca.crt'),
    CORE_PEER_FILESYSTEMPATH: p.state(node.name),
    CORE_PEER_GATEWAY_ENABLED: 'true',
    // Requests in flight the gateway accepts before refusing (sample: 500);
    // several collectors and a provisioning burst share one local peer.
    CORE_PEER_LIMITS_CONCURRENCY_GATEWAYSERVICE: '2500',
    CORE_LEDGER_SNAPSHOTS_ROOTDIR: join(p.state(node.name), 'snapshots'),
    CORE_OPERATIONS_LISTENADDRESS: `${node.host}:${node.operationsPort}`,
    CORE_METRICS_PROVIDER: 'disabled',
    CORE_CHAINCODE_EXTERNALBUILDERS: JSON.stringify([
      { name: 'eter-ccaas', path: join(REPO_ROOT, 'fabric', 'builders', 'ccaas') },
    ]),
  };
}

/**
 * The `peer` command line acting as an organisation's admin against its
 * own peer (channel join, chaincode install, approve, commit).
 */
export function peerAdminEnv(
  fabric: FabricInstallation,
  topology: Topology,
  org: PeerOrg,
  node: PeerNode,
): Env {
  const p = paths(topology);
  return {
    ...baseEnv(fabric),
    CORE_PEER_LOCALMSPID: org.mspId,
    CORE_PEER_MSPCONFIGPATH: join(p.orgAdmin(org.domain), 'msp'),
    CORE_PEER_ADDRESS: `${node.host}:${node.port}`,
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_ROOTCERT_FILE: join(p.peer(org.domain, node.name), 'tls', 'ca.crt'),
  };
}
