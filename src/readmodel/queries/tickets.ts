import type Database from 'better-sqlite3';
import { fromMilli, fromMinor } from '../amounts';
import { decodeCursor, encodeCursor } from './cursor';

/** One line of a ticket, as the store and the customer see it. */
export interface TicketLineView {
  readonly lineNo: number;
  readonly gtin: string;
  readonly description: string;
  readonly quantity: string;
  readonly amount: string;
  readonly manufacturerId: string | null;
  /** Return lines: the sale's line taken back. */
  readonly originalLineNo?: number;
  /** Sale lines: what returns have taken back of it so far. */
  readonly returnedQuantity?: string;
  readonly returnedAmount?: string;
}

/** A ticket as the read model knows it, with where it is on the ledger. */
export interface TicketView {
  readonly storeId: string;
  readonly ticketId: string;
  readonly type: 'sale' | 'return';
  readonly issuedAt: string;
  readonly currency: string;
  readonly total: string;
  readonly customerId: string | null;
  readonly originalTicketId: string | null;
  /** Returns: the sale's store. */
  readonly originalStoreId: string | null;
  readonly pointsAwarded: number;
  readonly contentHash: string;
  readonly txId: string;
  readonly blockNumber: number;
  readonly lines: readonly TicketLineView[];
}

/** A page of tickets; `nextCursor` is absent on the last page. */
export interface TicketViewPage {
  readonly tickets: TicketView[];
  readonly nextCursor?: string;
}

/** A time window (`from` inclusive, `to` exclusive, RFC 3339) and a page. */
export interface TicketRange {
  readonly from?: string;
  readonly to?: string;
  readonly cursor?: string;
  readonly limit: number;
}

interface TicketRow {
  seq: number;
  store_id: string;
  ticket_id: string;
  tx_id: string;
  block_number: number;
  type: 'sale' | 'return';
  issued_at: string;
  issued_at_utc: string;
  currency: string;
  total_minor: bigint;
  customer_id: string | null;
  original_ticket_id: string | null;
  original_store_id: string | null;
  points_awarded: number;
  content_hash: string;
}

interface LineRow {
  line_no: number;
  gtin: string;
  description: string;
  quantity_milli: bigint;
  amount_minor: bigint;
  manufacturer_id: string | null;
  original_line_no: bigint | null;
  returned_quantity_milli: bigint;
  returned_amount_minor: bigint;
}

const EARLIEST = '0000';
const LATEST = '9999';

/** Reads tickets: a store's by time, a customer's by time, one by id. */
export class TicketQueries {
  private readonly stmt;

  constructor(db: Database.Database) {
    const columns = `seq, store_id, ticket_id, tx_id, block_number, type, issued_at, issued_at_utc,
      currency, total_minor, customer_id, original_ticket_id, original_store_id, points_awarded,
      content_hash`;
    this.stmt = {
      byStore: db
        .prepare(
          `SELECT ${columns} FROM ticket
           WHERE store_id = @storeId AND issued_at_utc >= @from AND issued_at_utc < @to
             AND (issued_at_utc, ticket_id) > (@afterTime, @afterId)
           ORDER BY issued_at_utc, ticket_id LIMIT @limit`,
        )
        .safeIntegers(true),
      byCustomer: db
        .prepare(
          `SELECT ${columns} FROM ticket
           WHERE customer_id = @customerId AND issued_at_utc >= @from AND issued_at_utc < @to
             AND (issued_at_utc, seq) > (@afterTime, @afterSeq)
           ORDER BY issued_at_utc, seq LIMIT @limit`,
        )
        .safeIntegers(true),
      one: db
        .prepare(`SELECT ${columns} FROM ticket WHERE store_id = ? AND ticket_id = ?`)
        .safeIntegers(true),
      lines: db
        .prepare(
          `SELECT line_no, gtin, description, quantity_milli, amount_minor, manufacturer_id,
             original_line_no, returned_quantity_milli, returned_amount_minor
           FROM line WHERE ticket_seq = ? ORDER BY line_no`,
        )
        .safeIntegers(true),
    };
  }

  /**
   * A store's tickets in a time window, oldest first, ordered by issue time
   * then ticket id (stable across pages).
   * @throws {CursorError} for a cursor this query did not issue.
   */
  ofStore(storeId: string, range: TicketRange): TicketViewPage {
    const [afterTime, afterId] =
      range.cursor === undefined ? ['', ''] : decodeCursor(range.cursor, ['string', 'string']);
    const rows = this.storeAfter(storeId, range, afterTime, afterId);
    return this.page(rows, range.limit, (last) => [last.issued_at_utc, last.ticket_id]);
  }

  /**
   * The tickets of several stores (a retailer's) in a time window, oldest
   * first, ordered by issue time, store and ticket id. Each store's range is
   * read up to a page and the ranges merged, so a page costs at most a page
   * a store, however many tickets the window holds.
   * @throws {CursorError} for a cursor this query did not issue.
   */
  ofStores(storeIds: readonly string[], range: TicketRange): TicketViewPage {
    const [afterTime, afterStore, afterId] =
      range.cursor === undefined
        ? ['', '', '']
        : decodeCursor(range.cursor, ['string', 'string', 'string']);
    const rows: TicketRow[] = [];
    for (const storeId of storeIds) {
      if (storeId < afterStore && afterTime !== '') {
        // Same instant as the cursor: this store's tickets at it came before the cursor.
        rows.push(...this.storeAfter(storeId, range, afterTime, '\uffff'));
      } else if (storeId === afterStore) {
        rows.push(...this.storeAfter(storeId, range, afterTime, afterId));
      } else {
        rows.push(...this.storeAfter(storeId, range, afterTime, ''));
      }
    }
    rows.sort(
      (a, b) =>
        compare(a.issued_at_utc, b.issued_at_utc) ||
        compare(a.store_id, b.store_id) ||
        compare(a.ticket_id, b.ticket_id),
    );
    return this.page(rows.slice(0, range.limit + 1), range.limit, (last) => [
      last.issued_at_utc,
      last.store_id,
      last.ticket_id,
    ]);
  }

  private storeAfter(storeId: string, range: TicketRange, afterTime: string, afterId: string) {
    return this.stmt.byStore.all({
      storeId,
      ...bounds(range),
      afterTime,
      afterId,
      limit: range.limit + 1,
    }) as TicketRow[];
  }

  /**
   * A customer's tickets in a time window, oldest first.
   * @throws {CursorError} for a cursor this query did not issue.
   */
  ofCustomer(customerId: string, range: TicketRange): TicketViewPage {
    const [afterTime, afterSeq] =
      range.cursor === undefined ? ['', 0] : decodeCursor(range.cursor, ['string', 'number']);
    const rows = this.stmt.byCustomer.all({
      customerId,
      ...bounds(range),
      afterTime,
      afterSeq,
      limit: range.limit + 1,
    }) as TicketRow[];
    return this.page(rows, range.limit, (last) => [last.issued_at_utc, Number(last.seq)]);
  }

  /** One ticket, or `undefined` if the read model has none under this id. */
  one(storeId: string, ticketId: string): TicketView | undefined {
    const row = this.stmt.one.get(storeId, ticketId) as TicketRow | undefined;
    return row === undefined ? undefined : this.view(row);
  }

  private page(
    rows: TicketRow[],
    limit: number,
    position: (last: TicketRow) => (string | number)[],
  ): TicketViewPage {
    const more = rows.length > limit;
    const served = more ? rows.slice(0, limit) : rows;
    const tickets = served.map((row) => this.view(row));
    const last = served[served.length - 1];
    return more && last !== undefined
      ? { tickets, nextCursor: encodeCursor(position(last)) }
      : { tickets };
  }

  private view(row: TicketRow): TicketView {
    const lines = (this.stmt.lines.all(row.seq) as LineRow[]).map((line) => ({
      lineNo: Number(line.line_no),
      gtin: line.gtin,
      description: line.description,
      quantity: fromMilli(line.quantity_milli),
      amount: fromMinor(line.amount_minor, row.currency),
      manufacturerId: line.manufacturer_id,
      ...(row.type === 'return'
        ? line.original_line_no === null
          ? {}
          : { originalLineNo: Number(line.original_line_no) }
        : {
            returnedQuantity: fromMilli(line.returned_quantity_milli),
            returnedAmount: fromMinor(line.returned_amount_minor, row.currency),
          }),
    }));
    return {
      storeId: row.store_id,
      ticketId: row.ticket_id,
      type: row.type,
      issuedAt: row.issued_at,
      currency: row.currency,
      total: fromMinor(row.total_minor, row.currency),
      customerId: row.customer_id,
      originalTicketId: row.original_ticket_id,
      originalStoreId: row.original_store_id,
      pointsAwarded: Number(row.points_awarded),
      contentHash: row.content_hash,
      txId: row.tx_id,
      blockNumber: Number(row.block_number),
      lines,
    };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bounds(range: TicketRange): { from: string; to: string } {
  return {
    from: range.from === undefined ? EARLIEST : new Date(range.from).toISOString(),
    to: range.to === undefined ? LATEST : new Date(range.to).toISOString(),
  };
}
