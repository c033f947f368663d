import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { paths } from '../../../generated/api';
import { api, dataOf } from '../../../lib/api-client';

/** Whose tickets: one store's, or a retailer's across its stores. */
export type Scope = { readonly kind: 'store' | 'retailer'; readonly id: string };

/** A page of tickets, as the API answers it. */
export type TicketPage =
  paths['/v1/stores/{storeId}/tickets']['get']['responses'][200]['content']['application/json'];
export type TicketRow = TicketPage['tickets'][number];

/** A window of issue times (`from` inclusive, `to` exclusive, RFC 3339) and a page in it. */
export interface TicketWindow {
  readonly from: string;
  readonly to: string;
  readonly cursor?: string;
  readonly limit: number;
}

/** One page of a store's or retailer's tickets, oldest first. */
export function scopeTicketsQuery(scope: Scope, window: TicketWindow) {
  const query = {
    from: window.from,
    to: window.to,
    limit: window.limit,
    ...(window.cursor === undefined ? {} : { cursor: window.cursor }),
  };
  return queryOptions({
    queryKey: [`${scope.kind}s`, scope.id, 'tickets', query],
    queryFn: async (): Promise<TicketPage> =>
      scope.kind === 'store'
        ? dataOf(
            await api.GET('/v1/stores/{storeId}/tickets', {
              params: { path: { storeId: scope.id }, query },
            }),
          )
        : dataOf(
            await api.GET('/v1/retailers/{retailerId}/tickets', {
              params: { path: { retailerId: scope.id }, query },
            }),
          ),
    placeholderData: keepPreviousData,
  });
}

export function useScopeTickets(scope: Scope, window: TicketWindow) {
  return useQuery(scopeTicketsQuery(scope, window));
}

/** One ticket as the ledger holds it, with its proof (when the reader may have it). */
export function ticketQuery(storeId: string, ticketId: string) {
  return queryOptions({
    queryKey: ['stores', storeId, 'ticket', ticketId],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/stores/{storeId}/tickets/{ticketId}', {
          params: { path: { storeId, ticketId } },
        }),
      ),
  });
}

export function useTicket(storeId: string, ticketId: string) {
  return useQuery(ticketQuery(storeId, ticketId));
}
