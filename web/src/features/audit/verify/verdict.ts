import type { Verifier } from './load-verifier';

/**
 * Why something did not verify: the verifier's own `ProofCheckError` codes (stable, see
 * docs/ledger.md), a key that is not an Ed25519 public key, and what the explorer itself checks
 * across heads (see trust/continuity.ts and the heads view).
 */
export type FailureCode =
  | 'malformed'
  | 'signature'
  | 'record-mismatch'
  | 'payload-mismatch'
  | 'not-included'
  | 'not-consistent'
  | 'bad-key'
  /** The server's head for a block differs from the one this browser verified for it. */
  | 'fork'
  /** The server's newest head is older than the one this browser verified. */
  | 'rollback'
  /** The server no longer has the block of the head this browser verified. */
  | 'missing'
  /** A header's previousHash is not the hash of the header before it. */
  | 'chain';

export type Verdict<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: FailureCode; readonly detail: string };

export function failure(code: FailureCode, detail: string): Verdict<never> {
  return { ok: false, code, detail };
}

/**
 * Runs one of the verifier's checks. Anything it throws is a failure, never a pass: its typed
 * errors keep their code, and any other error (a document shaped so oddly that the verifier trips
 * before it can say why) counts as `malformed`.
 */
export function verdictOf<T>(verifier: Verifier, check: () => T): Verdict<T> {
  try {
    return { ok: true, value: check() };
  } catch (error) {
    if (error instanceof verifier.ProofCheckError) return failure(error.code, error.message);
    if (error instanceof verifier.PublicKeyError) return failure('bad-key', error.message);
    return failure('malformed', String(error));
  }
}
