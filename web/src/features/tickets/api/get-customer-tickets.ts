import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, dataOf } from '../../../lib/api-client';

/** A customer's tickets, oldest first (one page). */
export function customerTicketsQuery(customerId: string) {
  return queryOptions({
    queryKey: ['customers', customerId, 'tickets'],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/customers/{customerId}/tickets', {
          params: { path: { customerId } },
        }),
      ),
  });
}

export function useCustomerTickets(customerId: string) {
  return useQuery(customerTicketsQuery(customerId));
}
