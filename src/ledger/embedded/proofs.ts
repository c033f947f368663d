import { consistencyProof, inclusionProof, type NodeReader } from '../merkle';
import { NotFoundError } from '../gateway/errors';
import { decodeBlockHeader } from './block-header';
import type { ProofPart, ProofPartFilter } from '../gateway/proof-service';
import { SALT_SIZE } from '../verifier';
import type {
  AnyInclusionProofBundle,
  ConsistencyProofBundle,
  Disclosures,
  ElementProofBundle,
  SignedHead,
} from './proof-bundle';
import { disclosureOf, leafDigests, leafV3 } from './tx-elements';
import { storedElements, storedLeafDigests } from './tx-leaf';
import type { BlockRow, LedgerStore, TxRow } from './store';
import { decodeLeafRecord, encodeBytes, type TxRecordV2 } from './tx-record';
import { openRecord, storedParts } from './tx-open';

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
   * A version 2 or 3 record's proof (`eter-inclusion-proof/v2`) discloses the parts
   * `show` accepts (default: all), each with its salt; a version 1 record holds
   * every part itself, so its proof (`/v1`) shows everything whatever `show` says.
   * @throws {NotFoundError} for an unknown transaction or block.
   */
  inclusion(txId: string, atBlock?: number, show?: ProofPartFilter): AnyInclusionProofBundle {
    const tx = this.store.transaction(txId);
    if (tx === undefined) throw new NotFoundError(`transaction ${txId} is not on the ledger`, txId);
    const block = this.provingBlock(txId, tx.block, atBlock);
    const size = block.firstSeq + block.txCount;
    const proof = inclusionProof(tx.seq, size, this.nodes).map((h) => h.toString('hex'));
    const record = decodeLeafRecord(tx.record);
    if (record.v !== 1) {
      const elements = storedLeafDigests(record, tx);
      return {
        format: 'eter-inclusion-proof/v2',
        txId,
        leafIndex: tx.seq,
        record: tx.record.toString('utf8'),
        ...(elements === null ? {} : { elements }),
        disclosed: disclosures(record, tx, show ?? (() => true)),
        proof,
        head: signedHead(block),
      };
    }
    return {
      format: 'eter-inclusion-proof/v1',
      txId,
      leafIndex: tx.seq,
      record: tx.record.toString('utf8'),
      args: tx.args,
      result: tx.result === null ? null : encodeBytes(tx.result),
      eventPayload: tx.eventPayload === null ? null : encodeBytes(tx.eventPayload),
      proof,
      head: signedHead(block),
    };
  }

  /**
   * Proof of the elements `select` picks of a version 3 transaction (a ticket's lines), against
   * the head of `atBlock` (default: the newest): its leaf, their disclosures and the audit path,
   * and nothing else of the transaction.
   * @throws {NotFoundError} for an unknown transaction or block, a transaction without elements
   * (recorded before version 3, or of a function without), or when `select` picks none.
   */
  elements(
    txId: string,
    select: (element: unknown, index: number) => boolean,
    atBlock?: number,
  ): ElementProofBundle {
    const tx = this.store.transaction(txId);
    if (tx === undefined) throw new NotFoundError(`transaction ${txId} is not on the ledger`, txId);
    const record = decodeLeafRecord(tx.record);
    const elements = record.v === 3 ? storedElements(record, tx) : null;
    if (record.v !== 3 || elements === null) {
      throw new NotFoundError(`transaction ${txId} has no elements to prove`, txId);
    }
    const disclosures = elements.json.flatMap((json, index) =>
      select(JSON.parse(json), index) ? [disclosureOf(elements.opening, index, json)] : [],
    );
    if (disclosures.length === 0) {
      throw new NotFoundError(`transaction ${txId} has no such element`, txId);
    }
    const block = this.provingBlock(txId, tx.block, atBlock);
    const size = block.firstSeq + block.txCount;
    return {
      format: 'eter-element-proof/v1',
      leafIndex: tx.seq,
      leaf: leafV3(record, tx.record, leafDigests(elements.opening, elements.json)).toString(
        'utf8',
      ),
      disclosures,
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

  /** The block whose head proves a transaction of block `txBlock`: `atBlock`, or the newest. */
  private provingBlock(txId: string, txBlock: number, atBlock?: number): BlockRow {
    const block = this.block(atBlock);
    if (block.number < txBlock) {
      throw new NotFoundError(
        `transaction ${txId} is in block ${txBlock}, after block ${block.number}`,
        txId,
      );
    }
    return block;
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

/** The parts of a version 2 transaction that `show` accepts, each with its stored salt. */
function disclosures(record: TxRecordV2, tx: TxRow, filter: ProofPartFilter): Disclosures {
  const content = openRecord(record, tx);
  const kind = { contract: record.contract, fn: record.fn };
  const show = (part: ProofPart) => filter(part, kind);
  const { salts } = storedParts(record, tx.opening);
  const salt = (part: number) =>
    salts.subarray(part * SALT_SIZE, (part + 1) * SALT_SIZE).toString('base64url');
  // Salts are in record order: arguments, reads, ranges, writes, result, event.
  const firstRange = 1 + content.reads.length;
  const firstWrite = firstRange + content.ranges.length;
  let next = firstWrite + content.writes.length;
  const resultPart = tx.result === null ? -1 : next++;
  const eventPart = content.eventName === null ? -1 : next;
  // An erased part is withheld from everyone: its replacement does not open its commitment.
  const erased = content.erased;
  const reads = content.reads.flatMap(([key, version], index) =>
    !erased.has(1 + index) && show({ kind: 'read', key })
      ? [{ index, salt: salt(1 + index), key, version }]
      : [],
  );
  const ranges = content.ranges.flatMap((range, index) =>
    !erased.has(firstRange + index) && show({ kind: 'range', key: range.start })
      ? [{ index, salt: salt(firstRange + index), ...range }]
      : [],
  );
  const writes = content.writes.flatMap(([key, value], index) =>
    !erased.has(firstWrite + index) && show({ kind: 'write', key })
      ? [
          {
            index,
            salt: salt(firstWrite + index),
            key,
            value: value === null ? null : encodeBytes(value),
          },
        ]
      : [],
  );
  return {
    ...(!erased.has(0) && show({ kind: 'args' })
      ? { args: { salt: salt(0), value: tx.args } }
      : {}),
    ...(reads.length > 0 ? { reads } : {}),
    ...(ranges.length > 0 ? { ranges } : {}),
    ...(writes.length > 0 ? { writes } : {}),
    ...(tx.result !== null && !erased.has(resultPart) && show({ kind: 'result' })
      ? { result: { salt: salt(resultPart), value: encodeBytes(tx.result) } }
      : {}),
    ...(content.eventName !== null &&
    tx.eventPayload !== null &&
    !erased.has(eventPart) &&
    show({ kind: 'event' })
      ? {
          event: {
            salt: salt(eventPart),
            name: content.eventName,
            payload: encodeBytes(tx.eventPayload),
          },
        }
      : {}),
  };
}

function signedHead(block: BlockRow): SignedHead {
  return { header: block.header.toString('utf8'), signature: block.signature.toString('base64') };
}
