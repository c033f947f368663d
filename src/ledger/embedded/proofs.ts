import { consistencyProof, inclusionProof, type NodeReader } from '../merkle';
import { NotFoundError } from '../gateway/errors';
import { decodeBlockHeader } from './block-header';
import type { ConsistencyProofBundle, InclusionProofBundle, SignedHead } from './proof-bundle';
import type { BlockRow, LedgerStore } from './store';
import { encodeBytes } from './tx-record';

/**
 * Builds inclusion and consistency proofs from the stored Merkle nodes
 * (O(log n) reads, no rehashing of the log) and the signed block heads.
 */
export class LedgerProofs {
  private readonly nodes: NodeReader;

  constructor(private readonly store: LedgerStore) {
    this.nodes = {
      node: (level, index) => {
        const hash = store.getNode(level, index);
        if (hash === undefined) throw new Error(`merkle node ${level}/${index} is missing`);
        return hash;
      },
    };
  }

  /**
   * The signed head of block `number` (default: the newest).
   * @throws {NotFoundError} if there is no such block.
   */
  head(number?: number): SignedHead {
    return signedHead(this.block(number));
  }

  /**
   * Inclusion proof of a transaction against the head of block `atBlock`
   * (default: the newest), which must be at or after the transaction's block.
   * @throws {NotFoundError} for an unknown transaction or block.
   */
  inclusion(txId: string, atBlock?: number): InclusionProofBundle {
    const tx = this.store.transaction(txId);
    if (tx === undefined) throw new NotFoundError(`transaction ${txId} is not on the ledger`, txId);
    const block = this.block(atBlock);
    if (block.number < tx.block) {
      throw new NotFoundError(
        `transaction ${txId} is in block ${tx.block}, after block ${block.number}`,
        txId,
      );
    }
    const size = block.firstSeq + block.txCount;
    return {
      format: 'eter-inclusion-proof/v1',
      txId,
      leafIndex: tx.seq,
      record: tx.record.toString('utf8'),
      args: tx.args,
      result: tx.result === null ? null : encodeBytes(tx.result),
      eventPayload: tx.eventPayload === null ? null : encodeBytes(tx.eventPayload),
      proof: inclusionProof(tx.seq, size, this.nodes).map((h) => h.toString('hex')),
      head: signedHead(block),
    };
  }

  /**
   * Consistency proof between the heads of two blocks.
   * @throws {NotFoundError} for an unknown block.
   */
  consistency(fromBlock: number, toBlock?: number): ConsistencyProofBundle {
    const from = this.block(fromBlock);
    const to = this.block(toBlock);
    const size1 = decodeBlockHeader(from.header).logSize;
    const size2 = decodeBlockHeader(to.header).logSize;
    return {
      format: 'eter-consistency-proof/v1',
      from: signedHead(from),
      to: signedHead(to),
      proof: consistencyProof(size1, size2, this.nodes).map((h) => h.toString('hex')),
    };
  }

  private block(number?: number): BlockRow {
    const block = number === undefined ? this.store.lastBlock() : this.store.block(number);
    if (block === undefined) {
      throw new NotFoundError(
        number === undefined ? 'the ledger has no blocks' : `no block ${number}`,
      );
    }
    return block;
  }
}

function signedHead(block: BlockRow): SignedHead {
  return { header: block.header.toString('utf8'), signature: block.signature.toString('base64') };
}
