/**
 * Test-only: a huge virtual log (up to 2^64 leaves) in which every leaf has the same hash except a
 * few marked ones. Any MTH over it is cheap, because a range without marked leaves hashes to a
 * value that depends only on its length; so proofs for sizes past 2^32 and 2^53 can be built by
 * the reference and checked exactly.
 */
import type { NodeReader } from '../node-store';
import { refLeafHash, refNodeHash, splitPoint, type RangeMth } from './reference';

export class SparseLog {
  readonly filler = refLeafHash(Buffer.from('filler'));
  readonly #marks: ReadonlyMap<bigint, Buffer>;
  readonly #uniform = new Map<bigint, Buffer>();

  /** @param marked - indices of the leaves that differ; their hashes derive from the index. */
  constructor(marked: readonly bigint[]) {
    this.#marks = new Map(marked.map((i) => [i, refLeafHash(Buffer.from(`marked ${i}`))]));
  }

  leafHash(index: bigint): Buffer {
    return this.#marks.get(index) ?? this.filler;
  }

  /** MTH(D[start:end]), the RFC 6962 recursion, short-cut on ranges without marked leaves. */
  readonly mth: RangeMth = (start, end) => {
    const n = end - start;
    if (n === 1n) return this.leafHash(start);
    if (![...this.#marks.keys()].some((i) => i >= start && i < end)) return this.#uniformMth(n);
    const k = splitPoint(n);
    return refNodeHash(this.mth(start, start + k), this.mth(start + k, end));
  };

  /** The log as a node store: node (level, index) is the MTH of its complete range. */
  reader(): NodeReader {
    return {
      node: (level, index) => {
        const width = 1n << BigInt(level);
        return this.mth(BigInt(index) * width, (BigInt(index) + 1n) * width);
      },
    };
  }

  #uniformMth(n: bigint): Buffer {
    let hash = this.#uniform.get(n);
    if (hash === undefined) {
      const k = splitPoint(n);
      hash = n === 1n ? this.filler : refNodeHash(this.#uniformMth(k), this.#uniformMth(n - k));
      this.#uniform.set(n, hash);
    }
    return hash;
  }
}
