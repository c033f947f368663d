import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { components } from '../../../generated/api';
import { addDecimal, negateDecimal } from '../decimal';
import { RingBuffer } from '../ring-buffer';
import { reportsKey } from './get-manufacturer-sales';

/** A manufacturer's own lines of one new ticket, as `GET /v1/stream/sales` sends them. */
export type SaleEvent = components['schemas']['SaleEvent'];

/** One line of the live table: what the event says, without its ticket's sequence. */
export interface LiveLine {
  key: string;
  storeId: string;
  issuedAt: string;
  type: 'sale' | 'return';
  gtin: string;
  description: string;
  quantity: string;
  amount: string;
  currency: string;
}

export const LIVE_CAPACITY = 10_000;
const RECENT_LINES = 10;
/** Reports are fetched again at most this often while sales stream in. */
const REFRESH_MS = 500;

export type LiveState = 'connecting' | 'open' | 'closed';

/**
 * The live sales, outside React: the stream writes here, the chart reads the
 * ring buffer on its own animation frame, and the table subscribes. No React
 * state changes per event, so 20 events a second re-render nothing.
 */
export class LiveSales {
  readonly points = new RingBuffer(LIVE_CAPACITY);
  recent: LiveLine[] = [];
  /** Net amount since the page opened, per currency, exact. */
  totals = new Map<string, string>();
  state: LiveState = 'connecting';
  private readonly listeners = new Set<() => void>();

  add(event: SaleEvent): void {
    let net = '0';
    for (const line of event.lines) {
      const signed = event.type === 'return' ? negateDecimal(line.amount) : line.amount;
      net = addDecimal(net, signed);
      this.recent.unshift({
        key: `${event.seq}/${line.lineNo}`,
        storeId: event.storeId,
        issuedAt: event.issuedAt,
        type: event.type,
        gtin: line.gtin,
        description: line.description,
        quantity: line.quantity,
        amount: line.amount,
        currency: event.currency,
      });
    }
    this.recent = this.recent.slice(0, RECENT_LINES);
    this.totals = new Map(this.totals).set(
      event.currency,
      addDecimal(this.totals.get(event.currency) ?? '0', net),
    );
    // The chart's y is a plotting coordinate only; figures stay exact strings.
    this.points.push(Date.now() / 1000, Number(net));
    this.notify();
  }

  setState(state: LiveState): void {
    this.state = state;
    this.notify();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/**
 * Opens the sales stream for the page's lifetime (the session cookie goes
 * with it; the server sends a manufacturer only its own lines) and, while
 * sales arrive, refreshes the reports at most twice a second.
 */
export function useLiveSales(manufacturerId: string): LiveSales {
  const queryClient = useQueryClient();
  const [live] = useState(() => new LiveSales());
  useEffect(() => {
    const source = new EventSource('/v1/stream/sales');
    let refresh: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener('open', () => live.setState('open'));
    source.addEventListener('error', () =>
      live.setState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting'),
    );
    source.addEventListener('sale', (message) => {
      live.add(JSON.parse((message as MessageEvent<string>).data) as SaleEvent);
      refresh ??= setTimeout(() => {
        refresh = undefined;
        void queryClient.invalidateQueries({ queryKey: reportsKey(manufacturerId) });
      }, REFRESH_MS);
    });
    return () => {
      source.close();
      clearTimeout(refresh);
    };
  }, [live, manufacturerId, queryClient]);
  return live;
}
