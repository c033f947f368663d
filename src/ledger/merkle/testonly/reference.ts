/**
 * Test-only reference: RFC 6962 §2.1 written literally and recursively, deliberately slow and
 * independent of the code under test (its own SHA-256 calls, bigint ranges, no stored nodes).
 *
 * A log is seen through `mth(start, end)`, the Merkle Tree Hash of D[start:end]; PATH and PROOF
 * below are the RFC's definitions with D[a:b] written as a range.
 */
import { createHash } from 'node:crypto';

/** MTH(D[start:end]) of some leaf sequence D. */
export type RangeMth = (start: bigint, end: bigint) => Buffer;

export function sha256(...parts: Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
}

export const refLeafHash = (data: Uint8Array): Buffer => sha256(Buffer.from([0]), data);
export const refNodeHash = (left: Uint8Array, right: Uint8Array): Buffer =>
  sha256(Buffer.from([1]), left, right);

/** "k is the largest power of two smaller than n" (n > 1). */
export function splitPoint(n: bigint): bigint {
  let k = 1n;
  while (k * 2n < n) k *= 2n;
  return k;
}

/** MTH over an array of leaf hashes: MTH({}) = SHA-256(), MTH({d}) = leaf, else split at k. */
export function mthOfLeafHashes(leafHashes: readonly Buffer[]): Buffer {
  const n = leafHashes.length;
  if (n === 0) return sha256();
  if (n === 1) return leafHashes[0];
  const k = Number(splitPoint(BigInt(n)));
  return refNodeHash(mthOfLeafHashes(leafHashes.slice(0, k)), mthOfLeafHashes(leafHashes.slice(k)));
}

/** `RangeMth` over an array of leaf hashes. */
export function arrayMth(leafHashes: readonly Buffer[]): RangeMth {
  return (start, end) => mthOfLeafHashes(leafHashes.slice(Number(start), Number(end)));
}

/** PATH(m, D[start:end]) of RFC 6962 §2.1.1. */
export function refPath(m: bigint, start: bigint, end: bigint, mth: RangeMth): Buffer[] {
  const n = end - start;
  if (n === 1n) return [];
  const k = splitPoint(n);
  if (m < k) return [...refPath(m, start, start + k, mth), mth(start + k, end)];
  return [...refPath(m - k, start + k, end, mth), mth(start, start + k)];
}

/** PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true) of RFC 6962 §2.1.2 (0 < m <= n). */
export function refProof(m: bigint, n: bigint, mth: RangeMth): Buffer[] {
  return refSubproof(m, 0n, n, true, mth);
}

function refSubproof(m: bigint, start: bigint, end: bigint, b: boolean, mth: RangeMth): Buffer[] {
  const n = end - start;
  if (m === n) return b ? [] : [mth(start, end)];
  const k = splitPoint(n);
  if (m <= k) return [...refSubproof(m, start, start + k, b, mth), mth(start + k, end)];
  return [...refSubproof(m - k, start + k, end, false, mth), mth(start, start + k)];
}
