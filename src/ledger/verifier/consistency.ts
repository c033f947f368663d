/** Verification of RFC 6962 §2.1.2 consistency proofs. */
import { checkPath, expectRoot, isLeftSibling, trailingZeros } from './audit-path';
import { checkHash, checkProof, toUint64 } from './proof-args';
import { ProofError } from './proof-error';
import { emptyRoot, hashChildren } from './sha256';

/**
 * Verifies that the tree of `size2` leaves with root `root2` extends the tree of `size1` leaves
 * with root `root1` (RFC 6962 §2.1.2).
 *
 * When `size1 === size2` the proof must be empty and the roots equal; nothing is hashed, so the
 * roots are compared as given (and must both be the empty root when the sizes are 0). A proof
 * from the empty tree (`size1 === 0 < size2`) is rejected: SUBPROOF is only defined for m ≥ 1, and
 * every tree extends the empty one, so such a proof would prove nothing.
 *
 * @param size1 - size of the older tree.
 * @param size2 - size of the newer tree.
 * @param proof - the consistency proof.
 * @param root1 - trusted root of the older tree.
 * @param root2 - trusted root of the newer tree.
 * @throws {@link ProofError} `bad-integer` if a size is not an integer in [0, 2^64); `size-order`
 *   if `size1 > size2`; `size-zero` if `size1 === 0 < size2`; `bad-hash-length` if a root or proof
 *   element is not 32 bytes; `wrong-proof-size` if the proof length does not fit the sizes;
 *   `root-mismatch` (with `argument` `'root1'` or `'root2'`) if a root does not match.
 */
export function verifyConsistency(
  size1: number | bigint,
  size2: number | bigint,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  const m = toUint64(size1, 'size1');
  const n = toUint64(size2, 'size2');
  if (m > n) throw new ProofError({ code: 'size-order', size1: m, size2: n });
  if (m === n) {
    checkProof(proof, 0);
    if (m === 0n) {
      expectRoot(emptyRoot(), root1, 'root1');
      expectRoot(emptyRoot(), root2, 'root2');
    } else {
      expectRoot(root1, root2, 'root2');
    }
    return;
  }
  if (m === 0n) throw new ProofError({ code: 'size-zero', size2: n });
  checkHash(root1, 'root1');
  checkHash(root2, 'root2');

  // The old tree's last complete subtree, node (shift, seed), sits unchanged in the new tree; the
  // proof is that node's hash followed by its audit path in the new tree. When size1 is a power of
  // two that node is the whole old tree, and its hash (root1) is left out of the proof.
  const shift = BigInt(trailingZeros(m));
  const seed = (m - 1n) >> shift;
  const seedIsRoot1 = m === 1n << shift;
  const start = seedIsRoot1 ? 0 : 1;
  const { inner } = checkPath(seed, (n - 1n) >> shift, proof, start);

  // checkPath has checked the proof's length: proof[0] and every proof[k] below exist.
  let hash1: Uint8Array = Uint8Array.from(seedIsRoot1 ? root1 : proof[0]!);
  let hash2 = hash1;
  for (let k = start; k < proof.length; k++) {
    const sibling = proof[k]!;
    if (isLeftSibling(seed, k - start, inner)) {
      hash1 = hashChildren(sibling, hash1);
      hash2 = hashChildren(sibling, hash2);
    } else {
      // A right sibling holds leaves appended after size1: part of the new tree only.
      hash2 = hashChildren(hash2, sibling);
    }
  }
  expectRoot(hash1, root1, 'root1');
  expectRoot(hash2, root2, 'root2');
}
