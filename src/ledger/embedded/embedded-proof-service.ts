import type { ProofDocument, ProofPartFilter, ProofService } from '../gateway/proof-service';
import type { NodeKey } from './node-key';
import { LedgerProofs } from './proofs';
import type { LedgerStore } from './store';

/**
 * The embedded ledger's proofs as a {@link ProofService}: the documents are
 * the ones `eter proof` prints and `eter check-proof` checks. Heads carry the
 * node's public key for convenience; a careful client pins the key it got
 * out of band (`eter pubkey`) instead of trusting the one served.
 */
export class EmbeddedProofService implements ProofService {
  readonly disclosure = 'transaction' as const;
  private readonly proofs: LedgerProofs;

  constructor(
    store: LedgerStore,
    private readonly key: NodeKey,
  ) {
    this.proofs = new LedgerProofs(store);
  }

  publicKeyPem(): string {
    return this.key.publicKeyPem();
  }

  async head(blockNumber?: number): Promise<ProofDocument> {
    return {
      kind: 'rfc6962',
      format: 'eter-signed-head/v1',
      ...this.proofs.head(blockNumber),
      publicKey: this.key.publicKeyPem(),
    };
  }

  async inclusion(
    transactionId: string,
    atBlock?: number,
    show?: ProofPartFilter,
  ): Promise<ProofDocument> {
    return { kind: 'rfc6962', ...this.proofs.inclusion(transactionId, atBlock, show) };
  }

  async elements(
    transactionId: string,
    select: (element: unknown, index: number) => boolean,
    atBlock?: number,
  ): Promise<ProofDocument> {
    return { kind: 'rfc6962', ...this.proofs.elements(transactionId, select, atBlock) };
  }

  async consistency(fromBlock: number, toBlock?: number): Promise<ProofDocument> {
    return { kind: 'rfc6962', ...this.proofs.consistency(fromBlock, toBlock) };
  }
}
