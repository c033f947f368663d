/**
 * Typed failures of RFC 6962 proof verification. Callers branch on `code` (a stable string) and
 * read the fields of `detail`; the message is for humans only.
 */
import { toHex } from './bytes';

/** Why a proof, or an argument to a proof function, was rejected. */
export type ProofErrorCode =
  | 'bad-integer'
  | 'bad-hash-length'
  | 'index-out-of-range'
  | 'size-order'
  | 'size-zero'
  | 'wrong-proof-size'
  | 'root-mismatch';

/**
 * Every {@link ProofErrorCode} with what it means. Typed as a `Record` so that adding a code without
 * documenting it does not compile.
 */
export const PROOF_ERROR_CODES: Readonly<Record<ProofErrorCode, string>> = Object.freeze({
  'bad-integer':
    'an index or size is not a non-negative integer in range (a safe integer, a bigint below 2^64, or below 2^53 where nodes are addressed by number)',
  'bad-hash-length': 'a hash (leaf hash, proof element or root) is not 32 bytes',
  'index-out-of-range': 'the leaf index is not below the tree size',
  'size-order': 'the first tree size is larger than the second',
  'size-zero': 'a consistency proof from the empty tree was requested; it proves nothing',
  'wrong-proof-size':
    'the proof does not have the number of elements that the index and sizes imply',
  'root-mismatch': 'the root computed from the proof differs from the given root',
});

/** The fields of a {@link ProofError}, discriminated by `code`. */
export type ProofErrorDetail =
  | { readonly code: 'bad-integer'; readonly argument: string; readonly value: unknown }
  | {
      readonly code: 'bad-hash-length';
      /** `'leafHash'`, `'root'`, `'root1'`, `'root2'` or `'proof[i]'`. */
      readonly argument: string;
      readonly expected: number;
      readonly actual: number;
    }
  | { readonly code: 'index-out-of-range'; readonly index: bigint; readonly size: bigint }
  | { readonly code: 'size-order'; readonly size1: bigint; readonly size2: bigint }
  | { readonly code: 'size-zero'; readonly size2: bigint }
  | { readonly code: 'wrong-proof-size'; readonly expected: number; readonly actual: number }
  | {
      readonly code: 'root-mismatch';
      /** The argument that did not match: `'root'`, `'root1'` or `'root2'`. */
      readonly argument: 'root' | 'root1' | 'root2';
      /** The root the proof (or the other root, or the empty tree) implies. */
      readonly expected: Uint8Array;
      /** The root that was given. */
      readonly actual: Uint8Array;
    };

function describe(detail: ProofErrorDetail): string {
  switch (detail.code) {
    case 'bad-integer':
      return `${detail.argument} is not a usable non-negative integer: ${String(detail.value)}`;
    case 'bad-hash-length':
      return `${detail.argument} is ${detail.actual} bytes, expected ${detail.expected}`;
    case 'index-out-of-range':
      return `leaf index ${detail.index} is not below tree size ${detail.size}`;
    case 'size-order':
      return `size1 ${detail.size1} is larger than size2 ${detail.size2}`;
    case 'size-zero':
      return `no consistency proof exists from the empty tree to size ${detail.size2}`;
    case 'wrong-proof-size':
      return `proof has ${detail.actual} elements, expected ${detail.expected}`;
    case 'root-mismatch':
      return `${detail.argument} does not match: expected ${toHex(detail.expected)}, got ${toHex(detail.actual)}`;
  }
}

/**
 * A proof failed to verify, or a proof function was given an unusable argument.
 *
 * @example
 * ```ts
 * try {
 *   verifyInclusion(index, size, leafHash, proof, root);
 * } catch (err) {
 *   if (err instanceof ProofError && err.detail.code === 'root-mismatch') reject(err.detail.actual);
 *   else throw err;
 * }
 * ```
 */
export class ProofError extends Error {
  /** Stable code, one of {@link PROOF_ERROR_CODES}. */
  readonly code: ProofErrorCode;
  /** The fields of this failure; narrow on `detail.code`. */
  readonly detail: ProofErrorDetail;

  /** @param detail - the code and fields of the failure. */
  constructor(detail: ProofErrorDetail) {
    super(describe(detail));
    this.name = 'ProofError';
    this.code = detail.code;
    this.detail = detail;
  }
}
