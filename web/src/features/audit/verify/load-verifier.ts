import { queryOptions, useQuery } from '@tanstack/react-query';

/** The one proof verifier (src/ledger/verifier), as the auditor's views (and line proofs) use it. */
export type Verifier = typeof import('@verifier');

let loading: Promise<Verifier> | undefined;

/**
 * Loads the verifier, once. A dynamic import, so that it and noble are a chunk of their own that
 * only the auditor's views and the manufacturer's drill-down fetch; and the whole module namespace
 * is kept (never destructured here), so that the bundler keeps every export of that chunk under
 * its own name, which is what lets the Chromium tests run the RFC 6962 vectors through the very
 * file the app runs.
 */
export function loadVerifier(): Promise<Verifier> {
  loading ??= import('@verifier');
  return loading;
}

export const verifierQuery = queryOptions({
  queryKey: ['audit', 'verifier'],
  queryFn: loadVerifier,
  staleTime: Infinity,
  gcTime: Infinity,
});

/** The verifier once loaded; `undefined` while its chunk loads. */
export function useVerifier() {
  return useQuery(verifierQuery);
}
