import type { ElementProofBundle, PublicKey } from '@verifier';
import type { Verifier } from '../../audit/verify/load-verifier';
import { verdictOf, type FailureCode } from '../../audit/verify/verdict';
import type { SaleLine } from '../api/get-sale-lines';
import { compareDecimal, negateDecimal } from '../decimal';

export type LineVerdict =
  | { readonly ok: true; readonly block: number; readonly leafIndex: number }
  | { readonly ok: false; readonly code: FailureCode | 'line-mismatch'; readonly detail: string };

/** The fields of the recorded line that must be the row's. */
const COMPARED = ['gtin', 'quantity', 'amount'] as const;

/**
 * Checks a line's proof with the trusted key (the head's signature, the disclosure among the
 * leaf's digests, the audit path: `checkElementProof`), then that the one line it discloses is the
 * row shown: same GTIN, quantity and amount. A return's row counts its quantity and amount
 * negative, while its ticket may record them as positive figures: either sign passes for it.
 */
export function checkLine(
  verifier: Verifier,
  doc: ElementProofBundle,
  key: PublicKey,
  row: SaleLine,
): LineVerdict {
  const checked = verdictOf(verifier, () => verifier.checkElementProof(doc, key));
  if (!checked.ok) return checked;
  const { head, elements } = checked.value;
  const [element] = elements;
  if (elements.length !== 1 || typeof element !== 'object' || element === null)
    return { ok: false, code: 'malformed', detail: 'the proof does not disclose one line' };
  const recorded = element as Record<string, unknown>;
  for (const field of COMPARED) {
    const value = recorded[field];
    if (typeof value !== 'string' || !sameValue(field, value, row))
      return {
        ok: false,
        code: 'line-mismatch',
        detail: `${field} ${JSON.stringify(value)} is not the row's ${row[field]}`,
      };
  }
  return { ok: true, block: head.number, leafIndex: doc.leafIndex };
}

function sameValue(field: (typeof COMPARED)[number], recorded: string, row: SaleLine): boolean {
  if (field === 'gtin') return recorded === row.gtin;
  const equal = (a: string, b: string) => {
    try {
      return compareDecimal(a, b) === 0;
    } catch {
      // Not a decimal string at all (BigInt refuses it): no match.
      return false;
    }
  };
  return (
    equal(recorded, row[field]) ||
    (row.type === 'return' && equal(recorded, negateDecimal(row[field])))
  );
}
