import * as grpc from '@grpc/grpc-js';
import { connect, hash } from '@hyperledger/fabric-gateway';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FabricConnectionProfile } from '../ledger/fabric/connection-profile';
import { Wallet } from '../ledger/fabric/wallet';
import { NetworkError } from './errors';

/**
 * Waits until every peer's gateway can collect endorsements from both
 * organisations. Right after a (re)start, gossip has not yet told a peer
 * about the other org's peer, and discovery finds no way to satisfy the
 * endorsement policy. The probe endorses fabric-contract-api's own
 * `org.hyperledger.fabric:GetMetadata` (which always succeeds) and never
 * submits it: nothing is ordered. Only success counts: a contract refusal
 * comes from the first peer, before the other org is even asked.
 * @throws {NetworkError} stage `chaincode` after `timeoutMs`.
 */
export async function waitUntilEndorsable(profile: FabricConnectionProfile, timeoutMs = 60_000) {
  const wallet = new Wallet(profile.wallet);
  const reader = profile.reader ?? { mspId: profile.peers[0]!.mspId, id: 'auditor' };
  const { identity, signer } = wallet.get(reader);
  const deadline = Date.now() + timeoutMs;
  for (const peer of profile.peers) {
    const client = new grpc.Client(
      peer.endpoint,
      grpc.credentials.createSsl(readFileSync(peer.tlsRootCertFile)),
      peer.hostnameOverride ? { 'grpc.ssl_target_name_override': peer.hostnameOverride } : {},
    );
    const gateway = connect({ client, identity, signer, hash: hash.sha256 });
    try {
      const contract = gateway
        .getNetwork(profile.channel)
        .getContract(profile.chaincode, 'org.hyperledger.fabric');
      let last: unknown;
      while (Date.now() < deadline) {
        try {
          await contract.newProposal('GetMetadata').endorse({ deadline: Date.now() + 5000 });
          last = undefined;
          break;
        } catch (error) {
          last = error;
          await sleep(250);
        }
      }
      if (last !== undefined) {
        throw new NetworkError('chaincode', `${peer.endpoint} cannot collect endorsements`, {
          cause: last,
          output: String((last as Error).message),
        });
      }
    } finally {
      gateway.close();
      client.close();
    }
  }
}
