import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A peer the gateway client may connect to. */
export interface FabricPeerEndpoint {
  /** Organisation running the peer, e.g. `OperatorMSP`. */
  readonly mspId: string;
  /** `host:port` of the peer's gRPC (gateway) service. */
  readonly endpoint: string;
  /** PEM file of the CA that issued the peer's TLS certificate. */
  readonly tlsRootCertFile: string;
  /** Name in the peer's TLS certificate, when `endpoint`'s host is not one of them. */
  readonly hostnameOverride?: string;
}

/**
 * Everything a client needs to reach Eter's chaincode on a Fabric network.
 * `eter fabric up` writes one; a real deployment writes its own. Relative
 * paths are resolved against the profile file's folder.
 */
export interface FabricConnectionProfile {
  readonly version: 1;
  /** Channel the chaincode is committed on. */
  readonly channel: string;
  /** Chaincode name; Eter's contracts are `participants`, `tickets`, `points` within it. */
  readonly chaincode: string;
  /** Peers in order of preference; the gateway uses the first that answers. */
  readonly peers: readonly FabricPeerEndpoint[];
  /**
   * Folder of client identities: `<wallet>/<mspId>/<id>/cert.pem` and
   * `key.pem`. The certificate carries the `eter.role` and `eter.id`
   * attributes the contract checks.
   */
  readonly wallet: string;
  /** Identity for reads that are not contract calls (height, blocks, transaction lookups). */
  readonly reader?: { readonly mspId: string; readonly id: string };
}

/** The profile file could not be read or is not a version 1 profile. */
export class ConnectionProfileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`Fabric connection profile ${file}: ${reason}`, options);
    this.name = 'ConnectionProfileError';
  }
}

/**
 * Reads a connection profile, resolving its paths.
 * @throws {ConnectionProfileError}
 */
export function readConnectionProfile(file: string): FabricConnectionProfile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConnectionProfileError(file, 'cannot be read as JSON', { cause: error });
  }
  const profile = raw as Partial<FabricConnectionProfile>;
  if (profile.version !== 1) throw new ConnectionProfileError(file, 'version is not 1');
  if (typeof profile.channel !== 'string' || typeof profile.chaincode !== 'string') {
    throw new ConnectionProfileError(file, 'channel and chaincode are required');
  }
  if (!Array.isArray(profile.peers) || profile.peers.length === 0) {
    throw new ConnectionProfileError(file, 'at least one peer is required');
  }
  if (typeof profile.wallet !== 'string') throw new ConnectionProfileError(file, 'no wallet');
  const base = dirname(resolve(file));
  return {
    version: 1,
    channel: profile.channel,
    chaincode: profile.chaincode,
    peers: profile.peers.map((peer) => ({
      ...peer,
      tlsRootCertFile: resolve(base, peer.tlsRootCertFile),
    })),
    wallet: resolve(base, profile.wallet),
    ...(profile.reader ? { reader: profile.reader } : {}),
  };
}
