import { queryOptions } from '@tanstack/react-query';
import type { ElementProofBundle } from '@verifier';
import { api, dataOf } from '../../../lib/api-client';

/**
 * The proof of one sale line (`GET /v1/manufacturers/{id}/sales/lines/{reference}/proof`): an
 * `eter-element-proof/v1`, the line alone disclosed from its ticket. 404 for a line recorded
 * before record version 3, 501 on a ledger engine without line proofs (Fabric).
 */
export function lineProofQuery(manufacturerId: string, reference: string) {
  return queryOptions({
    queryKey: ['manufacturers', manufacturerId, 'line-proof', reference],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/manufacturers/{manufacturerId}/sales/lines/{reference}/proof', {
          params: { path: { manufacturerId, reference } },
        }),
      ) as unknown as ElementProofBundle,
    // A proof against an older head is still a proof, and a 404 or 501 will not change.
    staleTime: Infinity,
    retry: false,
  });
}
