import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, dataOf } from '../../../lib/api-client';

/** One ticket as recorded on the ledger, with its lines, payments and proof. */
export function ticketQuery(storeId: string, ticketId: string) {
  return queryOptions({
    queryKey: ['stores', storeId, 'tickets', ticketId],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/stores/{storeId}/tickets/{ticketId}', {
          params: { path: { storeId, ticketId } },
        }),
      ),
    staleTime: Infinity,
  });
}

export function useTicket(storeId: string, ticketId: string) {
  return useQuery(ticketQuery(storeId, ticketId));
}
