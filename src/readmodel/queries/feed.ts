import type Database from 'better-sqlite3';
import type { ManufacturerLineView } from '../../access';
import { fromMilli, fromMinor } from '../amounts';

/**
 * A sold (or returned) line of one manufacturer's product, with the fields
 * the access policy lets that manufacturer see (`ManufacturerLineView`):
 * no customer, no basket total, no other brands.
 */
export interface SaleLineEvent extends ManufacturerLineView {
  /** Read-model sequence of the ticket: the live stream's event id. */
  readonly seq: number;
}

/** A new ticket of one store, as the store (or its retailer) may see it. */
export interface StoreTicketEvent {
  readonly seq: number;
  readonly storeId: string;
  readonly ticketId: string;
  readonly type: 'sale' | 'return';
  readonly issuedAt: string;
  readonly total: string;
  readonly currency: string;
  readonly lines: number;
  readonly txId: string;
  readonly blockNumber: number;
}

/**
 * What is new since a stream position, per subscriber. Replay after a
 * reconnect and live delivery read through these same queries, so a stream
 * shows exactly what the queries would.
 */
export class FeedQueries {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      manufacturer: db
        .prepare(
          `SELECT t.seq, t.store_id, t.issued_at, t.type, l.line_no, l.gtin, l.description,
             l.quantity_milli, l.amount_minor, t.currency, t.block_number
           FROM line l JOIN ticket t ON t.seq = l.ticket_seq
           WHERE l.manufacturer_id = ? AND l.ticket_seq > ? AND l.ticket_seq <= ?
           ORDER BY l.ticket_seq, l.line_no`,
        )
        .safeIntegers(true),
      store: db
        .prepare(
          `SELECT seq, store_id, ticket_id, type, issued_at, total_minor, currency, line_count,
             tx_id, block_number
           FROM ticket WHERE store_id = @storeId AND seq > @after AND seq <= @upTo ORDER BY seq`,
        )
        .safeIntegers(true),
      // A block's few new tickets by seq, then their stores checked.
      retailer: db
        .prepare(
          `SELECT seq, store_id, ticket_id, type, issued_at, total_minor, currency, line_count,
             tx_id, block_number
           FROM ticket WHERE seq > ? AND seq <= ? AND store_id IN
             (SELECT id FROM participant WHERE retailer_id = ?)
           ORDER BY seq`,
        )
        .safeIntegers(true),
      head: db.prepare(`SELECT COALESCE(MAX(seq), 0) AS seq FROM ticket`),
    };
  }

  /** The newest ticket sequence: a stream that starts now starts after it. */
  head(): number {
    return (this.stmt.head.get() as { seq: number }).seq;
  }

  /** A manufacturer's lines of the tickets in (`afterSeq`, `upToSeq`]. */
  manufacturerLines(manufacturerId: string, afterSeq: number, upToSeq: number): SaleLineEvent[] {
    const rows = this.stmt.manufacturer.all(manufacturerId, afterSeq, upToSeq) as Array<{
      seq: bigint;
      store_id: string;
      issued_at: string;
      type: 'sale' | 'return';
      line_no: bigint;
      gtin: string;
      description: string;
      quantity_milli: bigint;
      amount_minor: bigint;
      currency: string;
      block_number: bigint;
    }>;
    return rows.map((r) => ({
      seq: Number(r.seq),
      storeId: r.store_id,
      issuedAt: r.issued_at,
      type: r.type,
      lineNo: Number(r.line_no),
      gtin: r.gtin,
      description: r.description,
      quantity: fromMilli(r.quantity_milli),
      amount: fromMinor(r.amount_minor, r.currency),
      currency: r.currency,
      blockNumber: Number(r.block_number),
    }));
  }

  /** A store's tickets in (`afterSeq`, `upToSeq`]. */
  storeTickets(storeId: string, afterSeq: number, upToSeq: number): StoreTicketEvent[] {
    const rows = this.stmt.store.all({ storeId, after: afterSeq, upTo: upToSeq });
    return (rows as TicketEventRow[]).map(ticketEvent);
  }

  /** The tickets of a retailer's stores in (`afterSeq`, `upToSeq`]. */
  retailerTickets(retailerId: string, afterSeq: number, upToSeq: number): StoreTicketEvent[] {
    const rows = this.stmt.retailer.all(afterSeq, upToSeq, retailerId);
    return (rows as TicketEventRow[]).map(ticketEvent);
  }
}

interface TicketEventRow {
  seq: bigint;
  store_id: string;
  ticket_id: string;
  type: 'sale' | 'return';
  issued_at: string;
  total_minor: bigint;
  currency: string;
  line_count: bigint;
  tx_id: string;
  block_number: bigint;
}

function ticketEvent(r: TicketEventRow): StoreTicketEvent {
  return {
    seq: Number(r.seq),
    storeId: r.store_id,
    ticketId: r.ticket_id,
    type: r.type,
    issuedAt: r.issued_at,
    total: fromMinor(r.total_minor, r.currency),
    currency: r.currency,
    lines: Number(r.line_count),
    txId: r.tx_id,
    blockNumber: Number(r.block_number),
  };
}
