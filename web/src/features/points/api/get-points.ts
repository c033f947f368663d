import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, dataOf } from '../../../lib/api-client';

/** A customer's balance and what made it. */
export function pointsQuery(customerId: string) {
  return queryOptions({
    queryKey: ['customers', customerId, 'points'],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/customers/{customerId}/points', {
          params: { path: { customerId } },
        }),
      ),
  });
}

export function usePoints(customerId: string) {
  return useQuery(pointsQuery(customerId));
}
