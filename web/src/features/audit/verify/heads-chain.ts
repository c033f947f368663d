import type { BlockHeader, SignedHead } from '@verifier';
import type { Verifier } from './load-verifier';
import { failure, verdictOf, type Verdict } from './verdict';

/** One signed head of a run, checked on its own and as a link to the one before. */
export interface CheckedHead {
  readonly number: number;
  readonly signature: Verdict<BlockHeader>;
  /** previousHash is the SHA-256 of the header bytes before (64 zeros for block 0). */
  readonly link: Verdict<true>;
}

const GENESIS = '0'.repeat(64);

/**
 * Checks consecutive signed heads, oldest first: each signature with the pinned key, that it is
 * the head of the block asked for, and each header's link to the header before (by hash, as
 * `eter verify` does). The first head has no header before it here (but block 0's, whose link
 * is 64 zeros): the caller fetches one head more than it shows. A link needs no signature on the
 * older header: the newer one is signed, and its previousHash pins the older header's bytes.
 */
export function checkHeads(
  verifier: Verifier,
  key: Parameters<Verifier['checkSignedHead']>[1],
  heads: ReadonlyArray<{ readonly number: number; readonly head: SignedHead }>,
): CheckedHead[] {
  const checked: CheckedHead[] = [];
  let previous: { readonly number: number; readonly head: SignedHead } | undefined;
  for (const { number, head } of heads) {
    const signature = verdictOf(verifier, () => {
      const header = verifier.checkSignedHead(head, key);
      if (header.number !== number)
        throw new verifier.ProofCheckError(
          'malformed',
          `block ${header.number}'s head for block ${number}`,
        );
      return header;
    });
    let link: Verdict<true>;
    if (!signature.ok) link = signature;
    else if (number === 0)
      link =
        signature.value.previousHash === GENESIS
          ? { ok: true, value: true }
          : failure('chain', 'block 0 has a previous hash');
    else if (previous === undefined || previous.number !== number - 1)
      link = failure('malformed', `no head of block ${number - 1} to link to`);
    else {
      const expected = verifier.sha256Hex(verifier.utf8(previous.head.header));
      link =
        signature.value.previousHash === expected
          ? { ok: true, value: true }
          : failure('chain', `previousHash ${signature.value.previousHash}, expected ${expected}`);
    }
    checked.push({ number, signature, link });
    previous = { number, head };
  }
  return checked;
}
