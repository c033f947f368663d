/**
 * Argument checks of the proof builders and the appender (the verifiers' own are in ../verifier).
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

// The verifiers' checks, shared with the builders and the appender.
export { checkHash, checkProof, toUint64 } from '../verifier';

const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** `value` as a number in [0, 2^53), else a `bad-integer` {@link ProofError}. */
export function toSafeUint(value: number | bigint, argument: string): number {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return value;
  } else if (typeof value === 'bigint' && value >= 0n && value <= SAFE_MAX) {
    return Number(value);
  }
  throw new ProofError({ code: 'bad-integer', argument, value });
}
