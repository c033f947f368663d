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

interface AggregateRow {
  period: string;
  store_id?: string;
  gtin?: string;
  currency: string;
  quantity: bigint;
  amount: bigint;
  lines: bigint;
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
    const rows = this.statement(request).all({
      manufacturerId: request.manufacturerId,
      storeId: request.storeId ?? null,
      gtin: request.gtin ?? null,
      ...(request.storeId === undefined
        ? periodBounds(request)
        : { periods: JSON.stringify(periodsOf(request)) }),
    }) as AggregateRow[];
    return rows.map((row) => ({
      period: row.period,
      ...(row.store_id === undefined ? {} : { storeId: row.store_id }),
      ...(row.gtin === undefined ? {} : { gtin: row.gtin }),
      currency: row.currency,
      quantity: fromMilli(row.quantity),
      amount: fromMinor(row.amount, row.currency),
      lines: Number(row.lines),
    }));
  }

  /** One prepared statement per shape of request, built from fixed fragments only. */
  private statement(request: SalesRequest): Database.Statement {
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
      stmt = this.db
        .prepare(
          `SELECT ${period} AS period, ${byStore ? 'store_id,' : ''} ${byGtin ? 'gtin,' : ''}
             currency, SUM(quantity_milli) AS quantity, SUM(amount_minor) AS amount,
             SUM(lines) AS lines
           FROM ${table}
           WHERE manufacturer_id = @manufacturerId
             ${
               request.storeId !== undefined
                 ? `AND ${period} IN (SELECT value FROM json_each(@periods))
                    AND store_id = @storeId`
                 : `AND ${period} >= @first AND ${period} < @end`
             }
             ${request.gtin !== undefined ? 'AND gtin = @gtin' : ''}
           GROUP BY ${groups.join(', ')}
           ORDER BY ${groups.join(', ')}`,
        )
        .safeIntegers(true);
      this.cache.set(cacheKey, stmt);
    }
    return stmt;
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
