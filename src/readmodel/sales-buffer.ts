import type Database from 'better-sqlite3';

/** One cell of the sales aggregates, summed over the lines seen so far. */
interface Cell {
  readonly manufacturerId: string;
  readonly period: string;
  readonly storeId: string;
  readonly gtin: string;
  readonly currency: string;
  quantityMilli: bigint;
  amountMinor: bigint;
  lines: number;
}

/** Adds summed lines to an aggregate row, creating the row if it is new. */
function upsert(table: 'sales_day' | 'sales_hour', period: 'day' | 'hour'): string {
  return `INSERT INTO ${table} (manufacturer_id, ${period}, store_id, gtin, currency,
      quantity_milli, amount_minor, lines)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT DO UPDATE SET
      quantity_milli = quantity_milli + excluded.quantity_milli,
      amount_minor = amount_minor + excluded.amount_minor,
      lines = lines + excluded.lines`;
}

/**
 * Sales lines of one read-model transaction, summed per aggregate row in
 * memory and written once per row at the end, in key order.
 *
 * A line touches a row of `sales_day` and one of `sales_hour`, each on
 * some leaf page of a large B-tree. Summing first means a row that several
 * lines of the transaction share is written once, and writing in key order
 * walks each tree from left to right instead of jumping about. The sums are
 * exact (integers), so the rows come out the same as line by line.
 */
export class SalesBuffer {
  private readonly day = new Map<string, Cell>();
  private readonly hour = new Map<string, Cell>();
  private readonly upsertDay: Database.Statement;
  private readonly upsertHour: Database.Statement;

  constructor(db: Database.Database) {
    this.upsertDay = db.prepare(upsert('sales_day', 'day'));
    this.upsertHour = db.prepare(upsert('sales_hour', 'hour'));
  }

  /** Counts one ticket line (negative quantity and amount for a return). */
  add(
    manufacturerId: string,
    storeId: string,
    issuedAt: string,
    gtin: string,
    currency: string,
    quantityMilli: bigint,
    amountMinor: bigint,
  ): void {
    // The store's local date and hour, as on the ticket: retail reports by the store's business day.
    const line = { manufacturerId, storeId, gtin, currency, quantityMilli, amountMinor };
    addTo(this.day, issuedAt.slice(0, 10), line);
    addTo(this.hour, issuedAt.slice(0, 13), line);
  }

  /** Writes every summed row and forgets them; call inside the transaction. */
  flush(): void {
    write(this.day, this.upsertDay);
    write(this.hour, this.upsertHour);
  }

  /** Forgets the lines not yet written (their transaction was rolled back). */
  clear(): void {
    this.day.clear();
    this.hour.clear();
  }
}

function addTo(
  cells: Map<string, Cell>,
  period: string,
  line: Omit<Cell, 'period' | 'lines'>,
): void {
  // Separated by a character no id, GTIN or currency holds; in key order when sorted.
  const key = `${line.manufacturerId}\u0000${period}\u0000${line.storeId}\u0000${line.gtin}\u0000${line.currency}`;
  const cell = cells.get(key);
  if (cell === undefined) {
    cells.set(key, { ...line, period, lines: 1 });
    return;
  }
  cell.quantityMilli += line.quantityMilli;
  cell.amountMinor += line.amountMinor;
  cell.lines++;
}

function write(cells: Map<string, Cell>, upsert: Database.Statement): void {
  const keys = [...cells.keys()].sort();
  for (const key of keys) {
    const c = cells.get(key)!;
    upsert.run(
      c.manufacturerId,
      c.period,
      c.storeId,
      c.gtin,
      c.currency,
      c.quantityMilli,
      c.amountMinor,
      c.lines,
    );
  }
}
