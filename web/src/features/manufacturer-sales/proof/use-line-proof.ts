import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ApiError } from '../../../lib/api-client';
import type { TrustedKey } from '../../audit/trust/pinned-key';
import { useVerifier } from '../../audit/verify/load-verifier';
import { lineProofQuery } from '../api/get-line-proof';
import type { SaleLine } from '../api/get-sale-lines';
import { checkLine, type LineVerdict } from './line-verdict';

export type LineProofState =
  | { readonly state: 'checking' }
  /** 404: a line recorded before record version 3 has no proof of its own. */
  | { readonly state: 'none' }
  /** 501: the ledger engine (Fabric) serves no line proofs. */
  | { readonly state: 'unavailable' }
  /** No node key pinned in this browser: nothing to check the proof against. */
  | { readonly state: 'no-key' }
  | { readonly state: 'error'; readonly error: unknown }
  | ({ readonly state: 'checked' } & LineVerdict);

/**
 * One drill-down row's proof, fetched once the row is drawn (a query per row, so at most a page's
 * worth) and checked in this browser against the pinned key (`trusted`, `null` when none is).
 */
export function useLineProof(
  manufacturerId: string,
  row: SaleLine,
  trusted: TrustedKey | null | undefined,
): LineProofState {
  const proof = useQuery(lineProofQuery(manufacturerId, row.reference));
  const verifier = useVerifier();
  return useMemo((): LineProofState => {
    if (proof.isError) {
      const status = proof.error instanceof ApiError ? proof.error.status : undefined;
      if (status === 404) return { state: 'none' };
      if (status === 501) return { state: 'unavailable' };
      return { state: 'error', error: proof.error };
    }
    if (verifier.isError) return { state: 'error', error: verifier.error };
    if (trusted === null) return { state: 'no-key' };
    if (proof.data === undefined || verifier.data === undefined || trusted === undefined)
      return { state: 'checking' };
    return { state: 'checked', ...checkLine(verifier.data, proof.data, trusted.key, row) };
  }, [
    proof.isError,
    proof.error,
    proof.data,
    verifier.isError,
    verifier.error,
    verifier.data,
    trusted,
    row,
  ]);
}
