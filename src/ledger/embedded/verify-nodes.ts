import { hashChildren } from '../merkle';
import type { LedgerStore } from './store';

/**
 * The stored Merkle nodes must be the ones the leaves give: level 0 holds
 * the leaf hashes, level L the floor(n / 2^L) complete subtrees, each the
 * hash of its two children. That holds if each node is the hash of its
 * *stored* children (the children being right in turn), which lets the
 * check run page by page: a page checks the nodes whose last leaf is among
 * its transactions, and the verifier counts each level once at the end.
 */

/**
 * What is wrong with the stored nodes whose last leaf is in
 * `[first, first + leaves.length)`, given those leaves' hashes in order.
 */
export function pageNodesProblem(
  store: LedgerStore,
  first: number,
  leaves: readonly Uint8Array[],
): string | undefined {
  const end = first + leaves.length;
  // Each level's nodes, read once: they are the next level's children.
  let below = new NodeRange(store, 0, first, store.nodesAt(0, first, leaves.length));
  for (let i = 0; i < leaves.length; i++) {
    const node = below.at(first + i);
    if (node === undefined || !node.equals(leaves[i]!)) {
      return `stored merkle node 0/${first + i} is wrong`;
    }
  }
  for (let level = 1; 2 ** level <= end; level++) {
    const width = 2 ** level;
    // Nodes i with first <= (i + 1) * width - 1 < end.
    const from = Math.ceil((first + 1) / width) - 1;
    const to = Math.floor(end / width);
    const parents = new NodeRange(
      store,
      level,
      from,
      store.nodesAt(level, from, Math.max(0, to - from)),
    );
    for (let i = from; i < to; i++) {
      const parent = parents.at(i);
      const left = below.at(2 * i);
      const right = below.at(2 * i + 1);
      if (
        parent === undefined ||
        left === undefined ||
        right === undefined ||
        !parent.equals(hashChildren(left, right))
      ) {
        return `stored merkle node ${level}/${i} is wrong`;
      }
    }
    below = parents;
  }
  return undefined;
}

/**
 * Consecutive stored nodes of one level as read, answering for indexes
 * outside them (a left child in the page before) with a lookup of its own.
 */
class NodeRange {
  constructor(
    private readonly store: LedgerStore,
    private readonly level: number,
    private readonly from: number,
    private readonly nodes: ReadonlyArray<{ index: number; hash: Buffer }>,
  ) {}

  /** The stored hash of node `index`, if stored. */
  at(index: number): Buffer | undefined {
    const node = this.nodes[index - this.from];
    if (node !== undefined) return node.index === index ? node.hash : undefined;
    return this.store.getNode(this.level, index);
  }
}

/**
 * With every expected node found right page by page, the levels must hold
 * nothing else: exactly floor(n / 2^L) nodes at each level L, for a log of
 * `size` leaves.
 */
export function nodeCountsProblem(store: LedgerStore, size: number): string | undefined {
  const counts = store.nodeCountsByLevel();
  let level = 0;
  for (; Math.floor(size / 2 ** level) > 0; level++) {
    const expected = Math.floor(size / 2 ** level);
    const found = counts.get(level) ?? 0;
    if (found !== expected) return `level ${level} has ${found} nodes, expected ${expected}`;
    counts.delete(level);
  }
  const [extra] = counts;
  return extra === undefined ? undefined : `level ${extra[0]} has ${extra[1]} nodes, expected 0`;
}
