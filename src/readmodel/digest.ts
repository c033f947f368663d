import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { PROJECTED_TABLES } from './schema';

/** Each table's primary key: the order rows are hashed in. */
const ORDER: Record<(typeof PROJECTED_TABLES)[number], string> = {
  checkpoint: 'id',
  participant: 'kind, id',
  ticket: 'seq',
  line: 'ticket_seq, line_no',
  sales_day: 'manufacturer_id, day, store_id, gtin, currency',
  sales_hour: 'manufacturer_id, hour, store_id, gtin, currency',
  points_movement: 'seq',
  points_balance: 'customer_id',
  points_grant: 'grant_id',
};

/**
 * SHA-256 over every projected row, table by table in primary-key order: two
 * read models with the same digest hold the same data. Used to check that a
 * rebuild, or a projector that survived a crash, matches a clean projection.
 */
export function readModelDigest(db: Database.Database): { digest: string; rows: number } {
  const hash = createHash('sha256');
  let rows = 0;
  for (const table of PROJECTED_TABLES) {
    const order = ORDER[table];
    hash.update(`table ${table}\n`);
    const stmt = db
      .prepare(`SELECT * FROM ${table} ORDER BY ${order}`)
      .raw(true)
      .safeIntegers(true);
    for (const row of stmt.iterate() as Iterable<unknown[]>) {
      hash.update(
        JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
      );
      hash.update('\n');
      rows++;
    }
  }
  return { digest: hash.digest('hex'), rows };
}
