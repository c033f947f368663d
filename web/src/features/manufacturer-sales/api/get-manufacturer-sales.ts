import { queryOptions, useQuery } from '@tanstack/react-query';
import type { paths } from '../../../generated/api';
import { api, dataOf } from '../../../lib/api-client';
import { compact } from '../search';

type Report =
  paths['/v1/manufacturers/{manufacturerId}/sales']['get']['responses'][200]['content']['application/json'];
export type ReportRow = Report['rows'][number];
export type ReportQuery = NonNullable<
  paths['/v1/manufacturers/{manufacturerId}/sales']['get']['parameters']['query']
>;

/** Every report of a manufacturer shares this key prefix: a live sale refreshes them all. */
export const reportsKey = (manufacturerId: string) => ['manufacturers', manufacturerId, 'sales'];

/**
 * A manufacturer's net sales (`GET /v1/manufacturers/{id}/sales`), as asked.
 * A live refresh (an invalidation) keeps the figures on screen until the new
 * ones arrive; other filters are another key, so never show the old ones.
 */
export function manufacturerSalesQuery(manufacturerId: string, query: ReportQuery) {
  const q = compact(query);
  return queryOptions({
    queryKey: [...reportsKey(manufacturerId), q],
    queryFn: async (): Promise<ReportRow[]> =>
      dataOf(
        await api.GET('/v1/manufacturers/{manufacturerId}/sales', {
          params: { path: { manufacturerId }, query: q },
        }),
      ).rows,
  });
}

export function useManufacturerSales(manufacturerId: string, query: ReportQuery, enabled = true) {
  return useQuery({ ...manufacturerSalesQuery(manufacturerId, query), enabled });
}
