import type Database from 'better-sqlite3';
import { fromMinor } from '../amounts';

/** A store's tickets of one local day in one currency: sales, returns and the net. */
export interface StoreDayTotals {
  readonly storeId: string;
  /** The store's local date (YYYY-MM-DD), as on its tickets. */
  readonly day: string;
  readonly currency: string;
  readonly sales: number;
  readonly returns: number;
  readonly salesAmount: string;
  readonly returnsAmount: string;
  /** Sales less returns: negative on a day more came back than was sold. */
  readonly netAmount: string;
}

// Local dates span UTC from 14 hours before (UTC+14) to 12 after (UTC−12).
const EARLIEST_OFFSET_MS = 14 * 3_600_000;
const LATEST_OFFSET_MS = 36 * 3_600_000;

/**
 * Stores' daily totals, summed from their tickets on request: each store's
 * range of the (store, time) index is read once, so the cost is that of its
 * tickets in the window (the routes bound the window).
 */
export class StoreTotalsQueries {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = db
      .prepare(
        `SELECT substr(issued_at, 1, 10) AS day, currency,
           sum(type = 'sale') AS sales, sum(type = 'return') AS returns,
           sum(CASE WHEN type = 'sale' THEN total_minor ELSE 0 END) AS sales_minor,
           sum(CASE WHEN type = 'return' THEN total_minor ELSE 0 END) AS returns_minor
         FROM ticket
         WHERE store_id = @storeId AND issued_at_utc >= @fromUtc AND issued_at_utc < @toUtc
           AND substr(issued_at, 1, 10) BETWEEN @from AND @to
         GROUP BY day, currency ORDER BY day, currency`,
      )
      .safeIntegers(true);
  }

  /** Totals per store (in the order given), local day and currency, `from` to `to` inclusive. */
  daily(storeIds: readonly string[], from: string, to: string): StoreDayTotals[] {
    const fromUtc = new Date(Date.parse(from) - EARLIEST_OFFSET_MS).toISOString();
    const toUtc = new Date(Date.parse(to) + LATEST_OFFSET_MS).toISOString();
    return storeIds.flatMap((storeId) =>
      (this.stmt.all({ storeId, fromUtc, toUtc, from, to }) as Row[]).map((r) => ({
        storeId,
        day: r.day,
        currency: r.currency,
        sales: Number(r.sales),
        returns: Number(r.returns),
        salesAmount: fromMinor(r.sales_minor, r.currency),
        returnsAmount: fromMinor(r.returns_minor, r.currency),
        netAmount: fromMinor(r.sales_minor - r.returns_minor, r.currency),
      })),
    );
  }
}

interface Row {
  day: string;
  currency: string;
  sales: bigint;
  returns: bigint;
  sales_minor: bigint;
  returns_minor: bigint;
}
