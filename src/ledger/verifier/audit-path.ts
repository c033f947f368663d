/** The shape of an RFC 6962 audit path, shared by inclusion (§2.1.1) and consistency (§2.1.2). */
import { bytesEqual } from './bytes';
import { checkProof } from './proof-args';
import { ProofError } from './proof-error';

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
export function checkPath(
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
export function isLeftSibling(index: bigint, k: number, inner: number): boolean {
  return k >= inner || ((index >> BigInt(k)) & 1n) === 1n;
}

/** Throws `root-mismatch` unless the root the proof implies is the one given. */
export function expectRoot(
  expected: Uint8Array,
  actual: Uint8Array,
  argument: 'root' | 'root1' | 'root2',
): void {
  if (!bytesEqual(expected, actual)) {
    throw new ProofError({
      code: 'root-mismatch',
      argument,
      expected: Uint8Array.from(expected),
      actual: Uint8Array.from(actual),
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
export function trailingZeros(x: bigint): number {
  let zeros = 0;
  for (; x > 0n && (x & 1n) === 0n; x >>= 1n) zeros++;
  return zeros;
}
