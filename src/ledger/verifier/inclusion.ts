/** Verification of RFC 6962 §2.1.1 audit paths (inclusion proofs). */
import { checkPath, expectRoot, isLeftSibling } from './audit-path';
import { checkHash, toUint64 } from './proof-args';
import { ProofError } from './proof-error';
import { hashChildren } from './sha256';

/**
 * Computes the root of a tree of `size` leaves from the inclusion proof (audit path) of the leaf at
 * `index`. Compare the result with a trusted root, or use {@link verifyInclusion}.
 *
 * @param index - zero-based leaf index.
 * @param size - number of leaves in the tree.
 * @param leafHash - the leaf's hash, `hashLeaf` of its data.
 * @param proof - the audit path, from the leaf's sibling up to the root's child.
 * @returns the 32-byte root the proof leads to, a new array.
 * @throws {@link ProofError} `bad-integer` if `index` or `size` is not an integer in [0, 2^64);
 *   `index-out-of-range` if `index >= size`; `bad-hash-length` if `leafHash` or a proof element is
 *   not 32 bytes; `wrong-proof-size` if the proof length does not fit `index` and `size`.
 */
export function rootFromInclusionProof(
  index: number | bigint,
  size: number | bigint,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  const i = toUint64(index, 'index');
  const n = toUint64(size, 'size');
  if (i >= n) throw new ProofError({ code: 'index-out-of-range', index: i, size: n });
  checkHash(leafHash, 'leafHash');
  const { inner } = checkPath(i, n - 1n, proof, 0);
  let hash: Uint8Array = Uint8Array.from(leafHash);
  proof.forEach((sibling, k) => {
    hash = isLeftSibling(i, k, inner) ? hashChildren(sibling, hash) : hashChildren(hash, sibling);
  });
  return hash;
}

/**
 * Verifies that the leaf with hash `leafHash` is at `index` in the tree of `size` leaves whose root
 * is `root`: {@link rootFromInclusionProof}, then a comparison.
 *
 * @param index - zero-based leaf index.
 * @param size - number of leaves in the tree; take it from the same trusted head as `root`.
 * @param leafHash - the leaf's hash.
 * @param proof - the audit path.
 * @param root - the trusted root of the tree of `size` leaves.
 * @throws {@link ProofError} any code of {@link rootFromInclusionProof}; `bad-hash-length` if
 *   `root` is not 32 bytes; `root-mismatch` if the proof leads to another root.
 */
export function verifyInclusion(
  index: number | bigint,
  size: number | bigint,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  const computed = rootFromInclusionProof(index, size, leafHash, proof);
  checkHash(root, 'root');
  expectRoot(computed, root, 'root');
}
