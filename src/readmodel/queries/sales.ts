import type Database from 'better-sqlite3';
import { fromMilli, fromMinor } from '../amounts';

/** Size of the periods sales are summed over, in the store's local time. */
export type Granularity = 'day' | 'hour';

/** Dimensions a sales report can be broken down by, besides the period. */
export type SalesDimension = 'store' | 'gtin';

/** What a manufacturer asks for: a local-date window, optional filters and breakdown. */
export interface SalesRequest {
  readonly manufacturerId: string;
  /** First local date (YYYY-MM-DD), inclusive. */
  readonly from: string;
  /** Last local date (YYYY-MM-DD), inclusive. */
  readonly to: string;
  readonly granularity: Granularity;
  readonly storeId?: string;
  readonly gtin?: string;
  readonly groupBy: readonly SalesDimension[];
}

/** Net sales (returns subtracted) of one period and breakdown cell. */
export interface SalesRow {
  /** `YYYY-MM-DD` or `YYYY-MM-DDTHH`, the store's local time. */
  readonly period: string;
  readonly storeId?: string;
  readonly gtin?: string;
  readonly currency: string;
  /** Exact decimal quantity. */
  readonly quantity: string;
  /** Exact decimal amount in `currency`. */
  readonly amount: string;
  /** Number of ticket lines summed (returns count too). */
  readonly lines: number;
}

/**
 * A manufacturer's sales of its own products from the pre-summed tables:
 * whatever the breakdown, a report reads at most one row per product, store
 * and period, never the lines themselves.
 *
 * The tables are keyed manufacturer, period, store, product: a report over
 * all stores reads one range of the key; a report for one store names its
 * periods one by one (`IN`), so that SQLite seeks to that store's rows in
 * each period rather than reading every store's.
 */
export class SalesQueries {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** Sales rows ordered by period, then store and product when broken down by them. */
  report(request: SalesRequest): SalesRow[] {
    const { stmt, byStore, byGtin } = this.statement(request);
    const rows = stmt.all({
      manufacturerId: request.manufacturerId,
      storeId: request.storeId ?? null,
      gtin: request.gtin ?? null,
      ...(request.storeId === undefined
        ? periodBounds(request)
        : { periods: JSON.stringify(periodsOf(request)) }),
    }) as unknown[][];
    // Raw rows (arrays): a report can hold thousands, and named row objects
    // cost better-sqlite3 more than the query itself.
    return rows.map((row) => {
      let i = 0;
      const period = row[i++] as string;
      const storeId = byStore ? (row[i++] as string) : undefined;
      const gtin = byGtin ? (row[i++] as string) : undefined;
      const currency = row[i++] as string;
      const [quantity, amount, lines] = row.slice(i) as bigint[];
      return {
        period,
        ...(storeId === undefined ? {} : { storeId }),
        ...(gtin === undefined ? {} : { gtin }),
        currency,
        quantity: fromMilli(quantity!),
        amount: fromMinor(amount!, currency),
        lines: Number(lines),
      };
    });
  }

  /** One prepared statement per shape of request, built from fixed fragments only. */
  private statement(request: SalesRequest): {
    stmt: Database.Statement;
    byStore: boolean;
    byGtin: boolean;
  } {
    const table = request.granularity === 'day' ? 'sales_day' : 'sales_hour';
    const period = request.granularity === 'day' ? 'day' : 'hour';
    const byStore = request.groupBy.includes('store');
    const byGtin = request.groupBy.includes('gtin');
    const key = [table, byStore, byGtin, request.storeId !== undefined, request.gtin !== undefined];
    const cacheKey = key.join('|');
    let stmt = this.cache.get(cacheKey);
    if (stmt === undefined) {
      const groups = [
        period,
        ...(byStore ? ['store_id'] : []),
        ...(byGtin ? ['gtin'] : []),
        'currency',
      ];
      // When every key column is grouped by or fixed, each group is one row:
      // read the rows as they are, in key order, with nothing to sum.
      const oneRowPerGroup =
        (byStore || request.storeId !== undefined) && (byGtin || request.gtin !== undefined);
      const sums = oneRowPerGroup
        ? 'quantity_milli, amount_minor, lines'
        : 'SUM(quantity_milli), SUM(amount_minor), SUM(lines)';
      stmt = this.db
        .prepare(
          `SELECT ${groups.join(', ')}, ${sums}
           FROM ${table}
           WHERE manufacturer_id = @manufacturerId
             ${
               request.storeId !== undefined
                 ? `AND ${period} IN (SELECT value FROM json_each(@periods))
                    AND store_id = @storeId`
                 : `AND ${period} >= @first AND ${period} < @end`
             }
             ${request.gtin !== undefined ? 'AND gtin = @gtin' : ''}
           ${oneRowPerGroup ? '' : `GROUP BY ${groups.join(', ')}`}
           ORDER BY ${groups.join(', ')}`,
        )
        .raw(true)
        .safeIntegers(true);
      this.cache.set(cacheKey, stmt);
    }
    return { stmt, byStore, byGtin };
  }
}

/** Every local date or hour of the request, as the period column holds them. */
function periodsOf(request: SalesRequest): string[] {
  const periods: string[] = [];
  const last = Date.parse(`${request.to}T00:00:00Z`);
  for (let day = Date.parse(`${request.from}T00:00:00Z`); day <= last; day += DAY_MS) {
    const date = new Date(day).toISOString().slice(0, 10);
    if (request.granularity === 'day') periods.push(date);
    else for (let h = 0; h < 24; h++) periods.push(`${date}T${String(h).padStart(2, '0')}`);
  }
  return periods;
}

const DAY_MS = 86_400_000;

/** Local-date bounds as string bounds on the period column ('~' sorts after any hour suffix). */
function periodBounds(request: SalesRequest): { first: string; end: string } {
  return { first: request.from, end: `${request.to}~` };
}
