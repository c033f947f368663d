import type { ReportRow } from './api/get-manufacturer-sales';
import { addDecimal, compareDecimal } from './decimal';

/** The currencies of some rows, in order of first appearance. */
export function currenciesOf(rows: readonly ReportRow[]): string[] {
  return [...new Set(rows.map((r) => r.currency))];
}

/** Rows summed by `key` (and currency), exactly: quantity, amount, lines. */
export function sumBy(
  rows: readonly ReportRow[],
  key: (row: ReportRow) => string,
): Map<string, ReportRow & { key: string }> {
  const sums = new Map<string, ReportRow & { key: string }>();
  for (const row of rows) {
    const k = `${key(row)}\u0000${row.currency}`;
    const sum = sums.get(k);
    sums.set(
      k,
      sum === undefined
        ? { ...row, key: key(row) }
        : {
            ...sum,
            quantity: addDecimal(sum.quantity, row.quantity),
            amount: addDecimal(sum.amount, row.amount),
            lines: sum.lines + row.lines,
          },
    );
  }
  return sums;
}

export interface TopProduct {
  gtin: string;
  currency: string;
  quantity: string;
  amount: string;
  lines: number;
}

/** The `limit` products with the most net sales (amount, then quantity), over the whole window. */
export function topProducts(rows: readonly ReportRow[], limit: number): TopProduct[] {
  return [...sumBy(rows, (r) => r.gtin ?? '').values()]
    .map(({ key, currency, quantity, amount, lines }) => ({
      gtin: key,
      currency,
      quantity,
      amount,
      lines,
    }))
    .sort(
      (a, b) =>
        compareDecimal(b.amount, a.amount) ||
        compareDecimal(b.quantity, a.quantity) ||
        a.gtin.localeCompare(b.gtin),
    )
    .slice(0, limit);
}

/** Chart colours, one per series (currency), readable on the app's light background. */
export const SERIES_COLOURS = ['#1f5fa8', '#b3541e', '#2e7d32', '#6a1b9a'];
