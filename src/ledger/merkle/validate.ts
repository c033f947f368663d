/**
 * Argument checks shared by the verifiers, the proof builders and the appender.
 *
 * Two integer domains, on purpose:
 * - Verifiers take indices and sizes from outside (checkpoints, API calls), so they accept any
 *   uint64 (RFC 6962 §3.5 sizes are uint64) and compute in `bigint`. Their arithmetic is a few
 *   shifts per proof level, so bigint costs nothing that matters, and there is no `>>>` to silently
 *   wrap at 2^32.
 * - Builders and the appender address stored nodes by `number` (the `NodeReader` contract),
 *   so they accept safe integers (below 2^53) and use only `+ - * /`, `%` and `Math.floor`, which
 *   are exact on safe integers; they never use 32-bit bit operators.
 */
import { ProofError } from './errors';
import { HASH_SIZE } from './hasher';

const UINT64_MAX = (1n << 64n) - 1n;
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** `value` as a bigint in [0, 2^64), else a `bad-integer` {@link ProofError}. */
export function toUint64(value: number | bigint, argument: string): bigint {
  if (typeof value === 'bigint') {
    if (value >= 0n && value <= UINT64_MAX) return value;
  } else if (Number.isSafeInteger(value) && value >= 0) {
    return BigInt(value);
  }
  throw new ProofError({ code: 'bad-integer', argument, value });
}

/** `value` as a number in [0, 2^53), else a `bad-integer` {@link ProofError}. */
export function toSafeUint(value: number | bigint, argument: string): number {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return value;
  } else if (typeof value === 'bigint' && value >= 0n && value <= SAFE_MAX) {
    return Number(value);
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
