import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { components } from '../../../generated/api';
import type { Scope } from './get-tickets';

/** A new ticket, as `GET /v1/stream/sales` sends it to a store or retailer. */
export type TicketEvent = components['schemas']['TicketEvent'];

/** How many live tickets the feed keeps. */
const FEED_SIZE = 50;

/**
 * The live feed's tickets, newest first. Nothing fetches it: the stream
 * writes it (an empty feed until the first ticket arrives).
 */
export function liveFeedQuery(scope: Scope) {
  return queryOptions({
    queryKey: [`${scope.kind}s`, scope.id, 'live'],
    queryFn: (): TicketEvent[] => [],
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/** The feed with one more ticket at its head (a repeat, after a reconnect, is dropped). */
export function withTicket(feed: readonly TicketEvent[], event: TicketEvent): TicketEvent[] {
  if (feed.some((t) => t.seq === event.seq)) return [...feed];
  return [event, ...feed].slice(0, FEED_SIZE);
}

export type StreamState = 'connecting' | 'open' | 'closed';

/**
 * Keeps the feed live: each `ticket` event of `/v1/stream/sales` (the
 * session cookie goes with it; the server picks the store's or retailer's
 * tickets by the login) is prepended into the feed's cache at once, and
 * the lists and totals of the scope are fetched again in the background.
 */
export function useSalesStream(scope: Scope): { feed: TicketEvent[]; state: StreamState } {
  const queryClient = useQueryClient();
  const feed = useQuery(liveFeedQuery(scope)).data ?? [];
  const [state, setState] = useState<StreamState>('connecting');
  const { kind, id } = scope;
  useEffect(() => {
    const key = `${kind}s`;
    const source = new EventSource('/v1/stream/sales');
    source.addEventListener('open', () => setState('open'));
    source.addEventListener('error', () =>
      setState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting'),
    );
    source.addEventListener('ticket', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as TicketEvent;
      queryClient.setQueryData(liveFeedQuery({ kind, id }).queryKey, (current) =>
        withTicket(current ?? [], event),
      );
      void queryClient.invalidateQueries({ queryKey: [key, id, 'tickets'] });
      void queryClient.invalidateQueries({ queryKey: [key, id, 'sales'] });
    });
    return () => source.close();
  }, [kind, id, queryClient]);
  return { feed, state };
}
