/**
 * Incremental construction of the log: a compact range over [0, size), i.e. the "frontier" of
 * complete subtrees, one per set bit of the size.
 */
import { ProofError } from './errors';
import { emptyRoot, hashChildren } from './hasher';
import type { NodeReader, StoredNode } from './node-store';
import { checkHash, toSafeUint } from './validate';

/**
 * Appends leaf hashes to a Merkle log and reports which complete nodes each append creates, so that
 * they can be persisted with the data they commit to. Holds only the O(log n) frontier in memory.
 *
 * The appender's state moves on as soon as {@link LogAppender.append} returns. If the transaction
 * that persists the returned nodes fails, discard the appender and rebuild it with
 * {@link LogAppender.fromStore} from what was committed.
 *
 * @example
 * ```ts
 * const appender = LogAppender.fromStore(committedSize, store);
 * const nodes = block.transactions.flatMap((tx) => appender.append(hashLeaf(tx.bytes)));
 * db.transaction(() => { saveBlock(block, appender.root()); store.put(nodes); })();
 * ```
 */
export class LogAppender {
  // frontier[level] is the complete subtree at that level in the decomposition of [0, size): set
  // exactly when bit `level` of size is 1, leftmost (largest) subtree at the highest level.
  readonly #frontier: (Buffer | undefined)[] = [];
  #size = 0;
  #root: Buffer | undefined;

  /**
   * An appender for an empty log; see {@link LogAppender.fromStore} to continue a stored one.
   *
   * @throws never.
   */
  constructor() {}

  /**
   * An appender that continues a stored log of `size` leaves. Reads exactly one node per set bit of
   * `size` (at most 53) and nothing else.
   *
   * @param size - number of leaves already stored.
   * @param reader - the node store holding the complete nodes of that tree.
   * @returns a new appender of size `size`.
   * @throws `ProofError` `bad-integer` if `size` is not a safe non-negative integer; whatever the
   *   reader throws for a missing node.
   */
  static fromStore(size: number | bigint, reader: NodeReader): LogAppender {
    const n = toSafeUint(size, 'size');
    const appender = new LogAppender();
    let level = 0;
    while (2 ** (level + 1) <= n) level++;
    for (let begin = 0; begin < n; level--) {
      const width = 2 ** level;
      if (begin + width <= n) {
        appender.#frontier[level] = reader.node(level, begin / width);
        begin += width;
      }
    }
    appender.#size = n;
    return appender;
  }

  /**
   * Number of leaves in the log: those of the store it started from plus those appended.
   *
   * @throws never.
   */
  get size(): number {
    return this.#size;
  }

  /**
   * Appends one leaf hash.
   *
   * @param leafHash - the new leaf's hash (`hashLeaf` of its data); copied.
   * @returns every node that became complete, leaf first, then its ancestors bottom up: the leaf
   *   at index `size` (before the call) and one node per trailing 1 bit of that size. The hash
   *   buffers are shared with the appender's state: do not modify them.
   * @throws `ProofError` `bad-hash-length` if `leafHash` is not 32 bytes; `bad-integer` (argument
   *   `size`) if the log already holds 2^53 - 1 leaves.
   */
  append(leafHash: Uint8Array): StoredNode[] {
    checkHash(leafHash, 'leafHash');
    if (this.#size === Number.MAX_SAFE_INTEGER) {
      throw new ProofError({ code: 'bad-integer', argument: 'size', value: this.#size + 1 });
    }
    let index = this.#size;
    let level = 0;
    let hash: Buffer = Buffer.from(leafHash);
    const nodes: StoredNode[] = [{ level, index, hash }];
    // Each trailing 1 bit of the old size is a frontier subtree that the new node completes.
    while (index % 2 === 1) {
      hash = hashChildren(this.#frontier[level] as Buffer, hash);
      this.#frontier[level] = undefined;
      index = (index - 1) / 2;
      level++;
      nodes.push({ level, index, hash });
    }
    this.#frontier[level] = hash;
    this.#size++;
    this.#root = undefined;
    return nodes;
  }

  /**
   * The root (RFC 6962 MTH) of the current tree. O(log n) hashes, cached until the next append.
   *
   * @returns a new 32-byte buffer; a copy of `EMPTY_ROOT` when the log is empty.
   * @throws never.
   */
  root(): Buffer {
    if (this.#root === undefined) {
      let root: Buffer | undefined;
      for (const node of this.#frontier) {
        if (node !== undefined) root = root === undefined ? node : hashChildren(node, root);
      }
      this.#root = root ?? emptyRoot;
    }
    return Buffer.from(this.#root);
  }
}
