import { queryOptions, useQuery } from '@tanstack/react-query';
import type { paths } from '../../../generated/api';
import { api, dataOf } from '../../../lib/api-client';
import type { Scope } from '../../store-tickets/api/get-tickets';

export type SalesTotals =
  paths['/v1/stores/{storeId}/sales']['get']['responses'][200]['content']['application/json'];
export type SalesRow = SalesTotals['rows'][number];

/** A local date (YYYY-MM-DD) in the reader's time zone. */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Daily totals of a store, or of each of a retailer's stores, from `from` to `to` (local dates, inclusive). */
export function salesQuery(scope: Scope, from: string, to: string) {
  const query = { from, to };
  return queryOptions({
    queryKey: [`${scope.kind}s`, scope.id, 'sales', query],
    queryFn: async (): Promise<{ rows: SalesRow[] }> =>
      scope.kind === 'store'
        ? dataOf(
            await api.GET('/v1/stores/{storeId}/sales', {
              params: { path: { storeId: scope.id }, query },
            }),
          )
        : dataOf(
            await api.GET('/v1/retailers/{retailerId}/sales', {
              params: { path: { retailerId: scope.id }, query },
            }),
          ),
  });
}

export function useSales(scope: Scope, from: string, to: string) {
  return useQuery(salesQuery(scope, from, to));
}
