import { hashChildren } from '../merkle';
import type { LedgerStore } from './store';

const NODE_PAGE = 4096;

/**
 * Every stored Merkle node must be the hash the leaves give: level L holds
 * the floor(n / 2^L) complete subtrees, each the hash of its two children.
 * @returns what is wrong with the first bad level, or `undefined` when all are right.
 */
export function storedNodesProblem(
  store: LedgerStore,
  leaves: readonly Uint8Array[],
): string | undefined {
  let expected = leaves;
  for (let level = 0; ; level++) {
    let seen = 0;
    for (;;) {
      const page = store.nodesAt(level, seen, NODE_PAGE);
      for (const node of page) {
        const want = expected[seen];
        if (node.index !== seen || want === undefined || !node.hash.equals(want)) {
          return `stored merkle node ${level}/${node.index} is wrong`;
        }
        seen++;
      }
      if (page.length < NODE_PAGE) break;
    }
    if (seen !== expected.length) {
      return `level ${level} has ${seen} nodes, expected ${expected.length}`;
    }
    if (expected.length === 0) return undefined;
    const parents: Buffer[] = [];
    for (let i = 0; i + 1 < expected.length; i += 2) {
      parents.push(hashChildren(expected[i]!, expected[i + 1]!));
    }
    expected = parents;
  }
}
