import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ConsistencyProofBundle, SignedHead } from '@verifier';
import type { components } from '../../../generated/api';
import { api, dataOf } from '../../../lib/api-client';

/** A proof document as the API serves it: the embedded ledger's (`rfc6962`) or Fabric's. */
export type ProofDocument = components['schemas']['ProofDocument'];

/** Fabric's documents (X.509, protobuf envelopes) are checked by `eter check-proof`, not here. */
export function isFabric(doc: ProofDocument): boolean {
  return doc.kind === 'fabric-block';
}

/** A signed head as the verifier takes it, when `doc` carries one (an `eter-signed-head/v1`). */
export function signedHeadOf(doc: ProofDocument): SignedHead | undefined {
  const { header, signature } = doc as { header?: unknown; signature?: unknown };
  if (typeof header !== 'string' || typeof signature !== 'string') return undefined;
  return { header, signature };
}

/** The ledger's height and its newest signed head (none while the ledger is empty). */
export const headQuery = queryOptions({
  queryKey: ['audit', 'head'],
  queryFn: async () => dataOf(await api.GET('/v1/ledger/head')),
});

/** Blocks `from` .. `from + limit - 1` and their transactions. */
export function blocksQuery(from: number, limit: number) {
  return queryOptions({
    queryKey: ['audit', 'blocks', from, limit],
    queryFn: async () =>
      dataOf(await api.GET('/v1/ledger/blocks', { params: { query: { from, limit } } })),
    placeholderData: keepPreviousData,
  });
}

/** A transaction's inclusion proof, against the newest head. */
export function inclusionQuery(txId: string) {
  return queryOptions({
    queryKey: ['audit', 'inclusion', txId],
    queryFn: async () =>
      dataOf(await api.GET('/v1/ledger/transactions/{txId}/proof', { params: { path: { txId } } })),
    // A proof against an older head is still a proof: no need to fetch it again while reading.
    staleTime: Infinity,
  });
}

/** The consistency document between the heads of blocks `from` and `to`. */
export async function fetchConsistency(from: number, to: number): Promise<ProofDocument> {
  return dataOf(await api.GET('/v1/ledger/consistency', { params: { query: { from, to } } }));
}

export function consistencyQuery(from: number, to: number) {
  return queryOptions({
    queryKey: ['audit', 'consistency', from, to],
    queryFn: () => fetchConsistency(from, to),
    staleTime: Infinity,
  });
}

/**
 * The signed heads of blocks `first` .. `last`. The API has no route for one past head, but a
 * consistency document carries both of its heads: from = to = n gives block n's.
 */
export function headsQuery(first: number, last: number) {
  return queryOptions({
    queryKey: ['audit', 'heads', first, last],
    queryFn: async () => {
      const numbers = Array.from({ length: last - first + 1 }, (_, i) => first + i);
      const docs = await Promise.all(numbers.map((n) => fetchConsistency(n, n)));
      return docs.map((doc, i) => ({ number: numbers[i]!, doc }));
    },
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

/** The document as the verifier's consistency check takes it (it checks the shape itself). */
export function asConsistency(doc: ProofDocument): ConsistencyProofBundle {
  return doc as unknown as ConsistencyProofBundle;
}
