import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import type { paths } from '../../../generated/api';
import { api, dataOf } from '../../../lib/api-client';

/** A customer's points, as `GET /v1/customers/{customerId}/points` answers. */
export type Points =
  paths['/v1/customers/{customerId}/points']['get']['responses'][200]['content']['application/json'];
export type Movement = Points['movements'][number];

async function pointsPage(customerId: string, cursor?: string) {
  return dataOf(
    await api.GET('/v1/customers/{customerId}/points', {
      params: { path: { customerId }, query: cursor === undefined ? {} : { cursor } },
    }),
  );
}

/** A customer's balance and what made it (the first page of movements). */
export function pointsQuery(customerId: string) {
  return queryOptions({
    queryKey: ['customers', customerId, 'points'],
    queryFn: () => pointsPage(customerId),
  });
}

export function usePoints(customerId: string) {
  return useQuery(pointsQuery(customerId));
}

/** The movements, page by page (oldest first), for a list with "more". */
export function movementPagesQuery(customerId: string) {
  return infiniteQueryOptions({
    queryKey: ['customers', customerId, 'points', 'movement-pages'],
    queryFn: ({ pageParam }) => pointsPage(customerId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useMovementPages(customerId: string) {
  return useInfiniteQuery(movementPagesQuery(customerId));
}

/**
 * Every movement, all pages read in one go, with the balance read at the
 * same time: what "explain my balance" sums.
 */
export function allMovementsQuery(customerId: string) {
  return queryOptions({
    queryKey: ['customers', customerId, 'points', 'all-movements'],
    queryFn: async () => {
      const first = await pointsPage(customerId);
      const movements = [...first.movements];
      let cursor = first.nextCursor;
      while (cursor !== undefined) {
        const page = await pointsPage(customerId, cursor);
        movements.push(...page.movements);
        cursor = page.nextCursor;
      }
      return { ...first, movements };
    },
  });
}

export function useAllMovements(customerId: string) {
  return useQuery(allMovementsQuery(customerId));
}

/** The inclusion proof of the transaction that moved the customer's points. */
export function movementProofQuery(customerId: string, txId: string) {
  return queryOptions({
    queryKey: ['customers', customerId, 'points', 'proof', txId],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/customers/{customerId}/points/movements/{txId}/proof', {
          params: { path: { customerId, txId } },
        }),
      ),
    staleTime: Infinity,
  });
}

export function useMovementProof(customerId: string, txId: string) {
  return useQuery(movementProofQuery(customerId, txId));
}
