import type Database from 'better-sqlite3';
import type { ManufacturerSaleLineView } from '../../access';
import { fromMilli, fromMinor } from '../amounts';
import type { LineReferences } from '../line-reference';
import { CursorError, decodeCursor, encodeCursor } from './cursor';

/** Which of a manufacturer's lines: a window of the stores' local dates, optional filters, a page. */
export interface SaleLineRequest {
  readonly manufacturerId: string;
  /** First local date (YYYY-MM-DD), inclusive. */
  readonly from: string;
  /** Last local date (YYYY-MM-DD), inclusive. */
  readonly to: string;
  /** The store's local hour (0–23) on each of those dates, when drilled from an hourly figure. */
  readonly hour?: number;
  readonly storeId?: string;
  readonly gtin?: string;
  readonly cursor?: string;
  readonly limit: number;
}

/** A page of lines; `nextCursor` is absent on the last page. */
export interface SaleLinePage {
  readonly lines: ManufacturerSaleLineView[];
  readonly nextCursor?: string;
}

interface Row {
  issued_at_utc: string;
  seq: bigint;
  line_no: bigint;
  store_id: string;
  issued_at: string;
  type: 'sale' | 'return';
  gtin: string;
  description: string;
  quantity_milli: bigint;
  amount_minor: bigint;
  currency: string;
  block_number: bigint;
}

// Local dates span UTC from 14 hours before (UTC+14) to 36 after (UTC−12).
const EARLIEST_OFFSET_MS = 14 * 3_600_000;
const LATEST_OFFSET_MS = 36 * 3_600_000;

/**
 * The lines behind a manufacturer's sales figures, one row per line, with
 * the fields the access policy gives a manufacturer (`ManufacturerSaleLineView`)
 * and an opaque reference in place of the line's ticket and number.
 *
 * Ordered by issue time, then ticket sequence and line: the tickets of the
 * window are read in time order (by store and time for one store) and a page
 * stops at `limit` lines, so its cost is that of the tickets it passes over.
 * The cursor is the last row's reference, never its sequence: a cursor must
 * not tell more than the rows it follows.
 */
export class SaleLineQueries {
  private readonly cache = new Map<string, Database.Statement>();
  private readonly timeOf: Database.Statement;
  private readonly ownLine: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly references: LineReferences,
  ) {
    this.timeOf = db.prepare(
      `SELECT t.issued_at_utc FROM ticket t JOIN line l ON l.ticket_seq = t.seq
       WHERE t.seq = ? AND l.line_no = ?`,
    );
    this.ownLine = db.prepare(
      `SELECT t.tx_id FROM ticket t JOIN line l ON l.ticket_seq = t.seq
       WHERE t.seq = ? AND l.line_no = ? AND l.manufacturer_id = ?`,
    );
  }

  /**
   * The transaction and line number a reference points at, when the line is the manufacturer's
   * own; `undefined` for a reference this node did not make or another manufacturer's line (the
   * same answer, so that a probe learns nothing).
   */
  lineOnLedger(
    manufacturerId: string,
    reference: string,
  ): { readonly txId: string; readonly lineNo: number } | undefined {
    const place = this.references.resolve(reference);
    if (place === undefined) return undefined;
    const row = this.ownLine.get(place.seq, place.lineNo, manufacturerId) as
      { tx_id: string } | undefined;
    return row === undefined ? undefined : { txId: row.tx_id, lineNo: place.lineNo };
  }

  /** A page of the manufacturer's own lines. @throws {CursorError} for a cursor this node did not issue. */
  lines(request: SaleLineRequest): SaleLinePage {
    const after = this.after(request.cursor);
    const rows = this.statement(request).all({
      manufacturerId: request.manufacturerId,
      from: request.from,
      to: request.to,
      fromUtc: new Date(Date.parse(request.from) - EARLIEST_OFFSET_MS).toISOString(),
      toUtc: new Date(Date.parse(request.to) + LATEST_OFFSET_MS).toISOString(),
      hour: request.hour === undefined ? null : String(request.hour).padStart(2, '0'),
      storeId: request.storeId ?? null,
      gtin: request.gtin ?? null,
      ...after,
      limit: request.limit + 1,
    }) as Row[];
    const more = rows.length > request.limit;
    const page = more ? rows.slice(0, request.limit) : rows;
    const lines = page.map((r) => this.view(r));
    const last = page.at(-1);
    return more && last !== undefined
      ? { lines, nextCursor: encodeCursor([lines.at(-1)!.reference]) }
      : { lines };
  }

  private view(r: Row): ManufacturerSaleLineView {
    return {
      reference: this.references.reference({ seq: Number(r.seq), lineNo: Number(r.line_no) }),
      storeId: r.store_id,
      issuedAt: r.issued_at,
      type: r.type,
      gtin: r.gtin,
      description: r.description,
      quantity: fromMilli(r.quantity_milli),
      amount: fromMinor(r.amount_minor, r.currency),
      currency: r.currency,
      blockNumber: Number(r.block_number),
    };
  }

  /** Where the page starts: strictly after the cursor's row, or at the beginning. */
  private after(cursor: string | undefined): {
    afterTime: string;
    afterSeq: number;
    afterLine: number;
  } {
    if (cursor === undefined) return { afterTime: '', afterSeq: 0, afterLine: 0 };
    const [reference] = decodeCursor(cursor, ['string'] as const);
    const place = this.references.resolve(reference);
    // The time is the line's own, never the client's: a cursor pairing one
    // line's reference with another's time would compare tickets' sequences.
    const row =
      place === undefined
        ? undefined
        : (this.timeOf.get(place.seq, place.lineNo) as { issued_at_utc: string } | undefined);
    if (place === undefined || row === undefined) throw new CursorError();
    return { afterTime: row.issued_at_utc, afterSeq: place.seq, afterLine: place.lineNo };
  }

  /** One prepared statement per combination of filters, built from fixed fragments only. */
  private statement(request: SaleLineRequest): Database.Statement {
    const byStore = request.storeId !== undefined;
    const byGtin = request.gtin !== undefined;
    const byHour = request.hour !== undefined;
    const key = `${byStore}|${byGtin}|${byHour}`;
    let stmt = this.cache.get(key);
    if (stmt === undefined) {
      stmt = this.db
        .prepare(
          `SELECT t.issued_at_utc, t.seq, l.line_no, t.store_id, t.issued_at, t.type, l.gtin,
             l.description, l.quantity_milli, l.amount_minor, t.currency, t.block_number
           FROM ticket t ${byStore ? 'INDEXED BY ticket_by_store_time' : 'INDEXED BY ticket_by_time'}
             JOIN line l ON l.ticket_seq = t.seq
           WHERE t.issued_at_utc >= @fromUtc AND t.issued_at_utc < @toUtc
             ${byStore ? 'AND t.store_id = @storeId' : ''}
             AND substr(t.issued_at, 1, 10) BETWEEN @from AND @to
             ${byHour ? 'AND substr(t.issued_at, 12, 2) = @hour' : ''}
             AND (t.issued_at_utc, t.seq, l.line_no) > (@afterTime, @afterSeq, @afterLine)
             AND l.manufacturer_id = @manufacturerId
             ${byGtin ? 'AND l.gtin = @gtin' : ''}
           ORDER BY t.issued_at_utc, t.seq, l.line_no
           LIMIT @limit`,
        )
        .safeIntegers(true);
      this.cache.set(key, stmt);
    }
    return stmt;
  }
}
