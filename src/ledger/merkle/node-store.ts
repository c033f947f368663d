/**
 * How the log's hashes are stored: every complete subtree is a node addressed by (level, index).
 * Level 0 holds the leaf hashes; node (level, index) covers leaves
 * [index * 2^level, (index + 1) * 2^level). Incomplete subtrees on the right edge of the tree are
 * never stored: they change with every append and are recomputed from complete nodes.
 */

/** A complete node of the tree and its hash. */
export interface StoredNode {
  /** Height of the subtree: 0 for a leaf hash. */
  readonly level: number;
  /** Position of the subtree among the subtrees of its level, from 0. */
  readonly index: number;
  /** The subtree's RFC 6962 Merkle Tree Hash (32 bytes). Treat as read-only. */
  readonly hash: Buffer;
}

/** Reads stored complete nodes. */
export interface NodeReader {
  /**
   * The hash of the complete subtree at `level` covering leaves
   * [index * 2^level, (index + 1) * 2^level).
   *
   * @param level - 0 for leaf hashes.
   * @param index - position within the level.
   * @returns the 32-byte hash; callers must not modify it.
   * @throws an implementation-defined error (`NodeStoreError` with code `node-missing` for
   *   `MemoryNodeStore`) when the node is not stored.
   */
  node(level: number, index: number): Buffer;
}

/** Persists complete nodes, for example those returned by `LogAppender.append`. */
export interface NodeWriter {
  /**
   * Stores `nodes`. Storing a node again with the same hash is a no-op.
   *
   * @param nodes - complete nodes to store.
   * @throws an implementation-defined error (`NodeStoreError` with code `node-conflict` for
   *   `MemoryNodeStore`) when a node is already stored with a different hash.
   */
  put(nodes: readonly StoredNode[]): void;
}
