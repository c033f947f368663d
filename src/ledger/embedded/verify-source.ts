import type { KeyObject } from 'node:crypto';
import type { BlockRow, LedgerStore } from './store';
import { checkBlock, type CheckedBlock } from './verify-block';
import { pageNodesProblem } from './verify-nodes';

/** Blocks per page: enough to amortise a message, few enough to keep memory flat. */
export const VERIFY_PAGE_BLOCKS = 16;

/**
 * A page of consecutive blocks, checked on their own, taken one block at a
 * time (a page can hold thousands of transactions; holding them all at
 * once would make every parsed record outlive the young generation).
 */
export interface PageCursor {
  /** The next checked block; `undefined` after the last. */
  next(): CheckedBlock | undefined;
  /**
   * After the last block: what is wrong with the stored Merkle nodes that
   * end within the page's transactions, reported only once every block has
   * been found sound.
   */
  nodesProblem(): string | undefined;
}

/** How many pages cover the stored blocks (numbered densely from 0). */
export function verifyPageCount(store: LedgerStore): number {
  return Math.ceil(store.blockCount() / VERIFY_PAGE_BLOCKS);
}

/**
 * Reads page `index` (blocks `index × VERIFY_PAGE_BLOCKS` onwards) and runs
 * each block's own checks as it is taken, then checks the Merkle nodes its
 * transactions complete. A missing block is simply absent: the verifier
 * finds the gap when it links the chain.
 */
export class CheckingCursor implements PageCursor {
  private readonly rows: BlockRow[];
  private readonly leaves: Uint8Array[] = [];
  private next_ = 0;

  constructor(
    private readonly store: LedgerStore,
    index: number,
    private readonly publicKey: KeyObject,
  ) {
    const from = index * VERIFY_PAGE_BLOCKS;
    this.rows = store.blocksIn(from, from + VERIFY_PAGE_BLOCKS);
  }

  next(): CheckedBlock | undefined {
    const row = this.rows[this.next_];
    if (row === undefined) return undefined;
    this.next_++;
    const block = checkBlock(row, this.store.transactionsOf(row), this.publicKey);
    for (const tx of block.txs) this.leaves.push(tx.leaf);
    return block;
  }

  nodesProblem(): string | undefined {
    return pageNodesProblem(this.store, this.rows[0]?.firstSeq ?? 0, this.leaves);
  }
}
