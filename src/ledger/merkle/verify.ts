/**
 * Verification of RFC 6962 §2.1.1 audit paths (inclusion proofs) and §2.1.2 consistency proofs.
 * Indices and sizes are handled as bigint (see validate.ts for why).
 */
import { ProofError } from './errors';
import { emptyRoot, hashChildren } from './hasher';
import { checkHash, checkProof, toUint64 } from './validate';

/**
 * Computes the root of a tree of `size` leaves from the inclusion proof (audit path) of the leaf at
 * `index`. Compare the result with a trusted root, or use {@link verifyInclusion}.
 *
 * @param index - zero-based leaf index.
 * @param size - number of leaves in the tree.
 * @param leafHash - the leaf's hash, `hashLeaf` of its data.
 * @param proof - the audit path, from the leaf's sibling up to the root's child.
 * @returns the 32-byte root the proof leads to.
 * @throws {@link ProofError} `bad-integer` if `index` or `size` is not an integer in [0, 2^64);
 *   `index-out-of-range` if `index >= size`; `bad-hash-length` if `leafHash` or a proof element is
 *   not 32 bytes; `wrong-proof-size` if the proof length does not fit `index` and `size`.
 */
export function rootFromInclusionProof(
  index: number | bigint,
  size: number | bigint,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer {
  const i = toUint64(index, 'index');
  const n = toUint64(size, 'size');
  if (i >= n) throw new ProofError({ code: 'index-out-of-range', index: i, size: n });
  checkHash(leafHash, 'leafHash');
  const { inner } = checkPath(i, n - 1n, proof, 0);
  let hash: Buffer = Buffer.from(leafHash);
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
 * @param size - number of leaves in the tree; take it from the same trusted checkpoint as `root`.
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

/**
 * Verifies that the tree of `size2` leaves with root `root2` extends the tree of `size1` leaves
 * with root `root1` (RFC 6962 §2.1.2).
 *
 * When `size1 === size2` the proof must be empty and the roots equal; nothing is hashed, so the
 * roots are compared as given (and must both be `EMPTY_ROOT` when the sizes are 0). A proof
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
      expectRoot(emptyRoot, root1, 'root1');
      expectRoot(emptyRoot, root2, 'root2');
    } else {
      expectRoot(Buffer.from(root1), root2, 'root2');
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

  let hash1: Buffer = Buffer.from(seedIsRoot1 ? root1 : proof[0]);
  let hash2 = hash1;
  for (let k = start; k < proof.length; k++) {
    const sibling = proof[k];
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

/**
 * Checks that `proof` holds `start` extra elements plus the audit path of node `index` on a level
 * whose last node is `last`, and returns where that path's two parts meet.
 *
 * Below level `inner` (the highest bit where `index` and `last` differ, plus one) the ancestors of
 * the node are not the last on their level, so each has a sibling: one proof element per level,
 * on the left when the ancestor's index is odd. From `inner` up the ancestors are the last on
 * their level: those with an odd index have a left sibling, the others are promoted unchanged and
 * contribute nothing. Hence `inner + popCount(index >> inner)` elements.
 */
function checkPath(
  index: bigint,
  last: bigint,
  proof: readonly Uint8Array[],
  start: number,
): { inner: number } {
  const inner = bitLength(index ^ last);
  checkProof(proof, start + inner + popCount(index >> BigInt(inner)));
  return { inner };
}

/** Whether the `k`-th element of the audit path of node `index` is a left sibling. */
function isLeftSibling(index: bigint, k: number, inner: number): boolean {
  return k >= inner || ((index >> BigInt(k)) & 1n) === 1n;
}

function expectRoot(expected: Buffer, actual: Uint8Array, argument: 'root' | 'root1' | 'root2') {
  if (!expected.equals(actual)) {
    throw new ProofError({
      code: 'root-mismatch',
      argument,
      expected,
      actual: Buffer.from(actual),
    });
  }
}

function bitLength(x: bigint): number {
  let bits = 0;
  for (; x > 0n; x >>= 1n) bits++;
  return bits;
}

function popCount(x: bigint): number {
  let ones = 0;
  for (; x > 0n; x >>= 1n) ones += Number(x & 1n);
  return ones;
}

/** Trailing zero bits of `x` > 0 (0 for 0, rather than looping forever). */
function trailingZeros(x: bigint): number {
  let zeros = 0;
  for (; x > 0n && (x & 1n) === 0n; x >>= 1n) zeros++;
  return zeros;
}
