/** An in-memory node store, for tests, tools and verifiers that rebuild a log. */
import { NodeStoreError } from './errors';
import type { NodeReader, NodeWriter, StoredNode } from './node-store';

/**
 * Holds complete nodes in memory, one map per level.
 *
 * @example
 * ```ts
 * const store = new MemoryNodeStore();
 * const appender = new LogAppender();
 * for (const leaf of leaves) store.put(appender.append(hashLeaf(leaf)));
 * const proof = inclusionProof(3, appender.size, store);
 * ```
 */
export class MemoryNodeStore implements NodeReader, NodeWriter {
  readonly #levels: Map<number, Buffer>[] = [];
  #count = 0;

  /**
   * Number of nodes stored.
   *
   * @throws never.
   */
  get count(): number {
    return this.#count;
  }

  /**
   * The stored hash of node (level, index).
   *
   * @param level - 0 for leaf hashes.
   * @param index - position within the level.
   * @returns the stored buffer; do not modify it.
   * @throws {@link NodeStoreError} `node-missing` if the node is not stored.
   */
  node(level: number, index: number): Buffer {
    const hash = this.#levels[level]?.get(index);
    if (hash === undefined) throw new NodeStoreError('node-missing', level, index);
    return hash;
  }

  /**
   * Whether node (level, index) is stored.
   *
   * @param level - 0 for leaf hashes.
   * @param index - position within the level.
   * @returns true if stored.
   * @throws never.
   */
  has(level: number, index: number): boolean {
    return this.#levels[level]?.has(index) ?? false;
  }

  /**
   * Stores copies of `nodes`. Storing a node again with the same hash is a no-op. Nodes before a
   * conflicting one are stored.
   *
   * @param nodes - complete nodes, for example from `LogAppender.append`.
   * @throws {@link NodeStoreError} `node-conflict` if a node is already stored with another hash.
   */
  put(nodes: readonly StoredNode[]): void {
    for (const { level, index, hash } of nodes) {
      let byIndex = this.#levels[level];
      if (byIndex === undefined) {
        byIndex = new Map();
        this.#levels[level] = byIndex;
      }
      const stored = byIndex.get(index);
      if (stored === undefined) {
        byIndex.set(index, Buffer.from(hash));
        this.#count++;
      } else if (!stored.equals(hash)) {
        throw new NodeStoreError('node-conflict', level, index);
      }
    }
  }
}
