import { queryOptions, useQuery } from '@tanstack/react-query';
import type { paths } from '../../../generated/api';
import { api, dataOf } from '../../../lib/api-client';
import { compact, type LinesSearch } from '../search';

type LinePage =
  paths['/v1/manufacturers/{manufacturerId}/sales/lines']['get']['responses'][200]['content']['application/json'];
export type SaleLine = LinePage['lines'][number];

/** Lines per page of the drill-down. */
export const LINES_PAGE = 25;

/**
 * A page of the lines behind a figure (`GET /v1/manufacturers/{id}/sales/lines`).
 * Each line has an opaque reference: the API never says which ticket,
 * transaction or customer it came from, and neither can the app.
 */
export function saleLinesQuery(manufacturerId: string, search: LinesSearch, cursor?: string) {
  const query = compact({ ...search, limit: LINES_PAGE, cursor });
  return queryOptions({
    queryKey: ['manufacturers', manufacturerId, 'lines', query],
    queryFn: async (): Promise<LinePage> =>
      dataOf(
        await api.GET('/v1/manufacturers/{manufacturerId}/sales/lines', {
          params: { path: { manufacturerId }, query },
        }),
      ),
  });
}

export function useSaleLines(manufacturerId: string, search: LinesSearch, cursor?: string) {
  return useQuery(saleLinesQuery(manufacturerId, search, cursor));
}
