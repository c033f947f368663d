import { hashLeaf } from '../merkle';
import type { BlockRow, LedgerStore, TxRow } from './store';
import { sha256Hex } from './tx-record';

/**
 * A transaction as the verifier checks it: the stored row's place and leaf
 * bytes, and the hashes of the leaf and of the payload stored beside it.
 * Computing these needs no other transaction, so it can be done ahead, on
 * another thread, while the verifier replays the log in order.
 */
export interface TxDigest {
  readonly seq: number;
  readonly txId: string;
  readonly block: number;
  readonly valid: boolean;
  readonly record: Uint8Array;
  /** RFC 6962 leaf hash of `record`. */
  readonly leaf: Uint8Array;
  /** SHA-256 (hex) of the stored arguments, result and event payload (`null` when absent). */
  readonly argsHash: string;
  readonly resultHash: string | null;
  readonly eventHash: string | null;
  /** The stored key-history links ({@link TxRow.prev}). */
  readonly prev: string | null;
}

/** Consecutive stored blocks, each with its digested transactions. */
export interface VerifyPage {
  readonly blocks: ReadonlyArray<{ readonly row: BlockRow; readonly txs: readonly TxDigest[] }>;
}

/** Blocks per page: enough to amortise a message, few enough to keep memory flat. */
export const VERIFY_PAGE_BLOCKS = 16;

/** Reads and digests up to `limit` blocks from `from` on; an empty page means the end. */
export function readVerifyPage(store: LedgerStore, from: number, limit: number): VerifyPage {
  return {
    blocks: store.blocksFrom(from, limit).map((row) => ({
      row,
      txs: store.transactionsOf(row).map(digestTx),
    })),
  };
}

function digestTx(tx: TxRow): TxDigest {
  return {
    seq: tx.seq,
    txId: tx.txId,
    block: tx.block,
    valid: tx.valid,
    record: tx.record,
    leaf: hashLeaf(tx.record),
    argsHash: sha256Hex(tx.args),
    resultHash: tx.result === null ? null : sha256Hex(tx.result),
    eventHash: tx.eventPayload === null ? null : sha256Hex(tx.eventPayload),
    prev: tx.prev,
  };
}
