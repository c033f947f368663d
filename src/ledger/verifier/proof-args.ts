/**
 * Argument checks of the proof verifiers. Indices and sizes come from outside (signed heads, API
 * calls), so any uint64 is accepted (RFC 6962 §3.5 sizes are uint64) and arithmetic is in
 * `bigint`: a few shifts per proof level cost nothing that matters, and there is no `>>>` to
 * silently wrap at 2^32.
 */
import { ProofError } from './proof-error';
import { HASH_SIZE } from './sha256';

const UINT64_MAX = (1n << 64n) - 1n;

/** `value` as a bigint in [0, 2^64), else a `bad-integer` {@link ProofError}. */
export function toUint64(value: number | bigint, argument: string): bigint {
  if (typeof value === 'bigint') {
    if (value >= 0n && value <= UINT64_MAX) return value;
  } else if (Number.isSafeInteger(value) && value >= 0) {
    return BigInt(value);
  }
  throw new ProofError({ code: 'bad-integer', argument, value });
}

/** Throws a `bad-hash-length` {@link ProofError} unless `hash` is {@link HASH_SIZE} bytes. */
export function checkHash(hash: Uint8Array, argument: string): void {
  if (hash.length !== HASH_SIZE) {
    throw new ProofError({
      code: 'bad-hash-length',
      argument,
      expected: HASH_SIZE,
      actual: hash.length,
    });
  }
}

/**
 * Throws `wrong-proof-size` unless `proof` has `expected` elements, or `bad-hash-length` for the
 * first element that is not a hash.
 */
export function checkProof(proof: readonly Uint8Array[], expected: number): void {
  if (proof.length !== expected) {
    throw new ProofError({ code: 'wrong-proof-size', expected, actual: proof.length });
  }
  proof.forEach((element, i) => checkHash(element, `proof[${i}]`));
}
