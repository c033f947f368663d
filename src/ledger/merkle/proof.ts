/**
 * Building RFC 6962 §2.1.1 inclusion proofs and §2.1.2 consistency proofs from stored complete
 * nodes, in O(log n) node reads and hashes. Node indices are numbers (see validate.ts).
 */
import { ProofError } from './errors';
import type { NodeReader } from './node-store';
import { nodeHash } from './root';
import { toSafeUint } from './validate';

/**
 * The inclusion proof (audit path) of the leaf at `index` in the tree of the first `size` leaves,
 * as checked by `verifyInclusion`. Reads no node beyond leaf `size - 1`, so the log may have grown
 * since.
 *
 * @param index - zero-based leaf index.
 * @param size - tree size the proof is for.
 * @param reader - the node store.
 * @returns the proof elements, from the leaf's sibling upwards.
 * @throws `ProofError` `bad-integer` if `index` or `size` is not a safe non-negative integer;
 *   `index-out-of-range` if `index >= size`; whatever the reader throws for a missing node.
 */
export function inclusionProof(
  index: number | bigint,
  size: number | bigint,
  reader: NodeReader,
): Buffer[] {
  const i = toSafeUint(index, 'index');
  const n = toSafeUint(size, 'size');
  if (i >= n) {
    throw new ProofError({ code: 'index-out-of-range', index: BigInt(i), size: BigInt(n) });
  }
  return auditPath(0, i, n, reader);
}

/**
 * The consistency proof from the tree of the first `size1` leaves to the tree of the first `size2`
 * leaves, as checked by `verifyConsistency`. Reads no node beyond leaf `size2 - 1`.
 *
 * @param size1 - size of the older tree.
 * @param size2 - size of the newer tree.
 * @param reader - the node store.
 * @returns the proof elements; empty when `size1 === size2`.
 * @throws `ProofError` `bad-integer` if a size is not a safe non-negative integer; `size-order` if
 *   `size1 > size2`; `size-zero` if `size1 === 0 < size2` (no such proof is accepted);
 *   whatever the reader throws for a missing node.
 */
export function consistencyProof(
  size1: number | bigint,
  size2: number | bigint,
  reader: NodeReader,
): Buffer[] {
  const m = toSafeUint(size1, 'size1');
  const n = toSafeUint(size2, 'size2');
  if (m > n) throw new ProofError({ code: 'size-order', size1: BigInt(m), size2: BigInt(n) });
  if (m === n) return [];
  if (m === 0) throw new ProofError({ code: 'size-zero', size2: BigInt(n) });

  // The old tree's last complete subtree, node (level, index), is unchanged in the new tree: the
  // proof is its hash (unless it is the whole old tree, whose root the verifier has) followed by
  // its audit path in the new tree.
  let level = 0;
  let width = 1;
  while ((m / width) % 2 === 0) {
    level++;
    width *= 2;
  }
  const index = m / width - 1;
  const path = auditPath(level, index, n, reader);
  return m === width ? path : [reader.node(level, index), ...path];
}

/**
 * Hashes of the siblings of node (level, index) and of its ancestors, up to the root of the tree of
 * `size` leaves. A sibling that starts at or beyond `size` does not exist (its counterpart is
 * promoted unchanged, RFC 6962 §2.1) and contributes nothing.
 */
function auditPath(level: number, index: number, size: number, reader: NodeReader): Buffer[] {
  const path: Buffer[] = [];
  for (let width = 2 ** level; width < size; width *= 2, level++) {
    const sibling = index % 2 === 0 ? index + 1 : index - 1;
    if (sibling * width < size) path.push(nodeHash(level, sibling, size, reader));
    index = Math.floor(index / 2);
  }
  return path;
}
