import Database from 'better-sqlite3';
import { join } from 'node:path';

/**
 * The baseline: the same ticket rows inserted into a plain SQLite table,
 * with the ledger's durability settings (WAL, synchronous=FULL) and the same
 * batch size as its blocks. What a ledger costs is measured against this.
 * @returns rows per second.
 */
export function plainInsertRate(
  dir: string,
  rows: ReadonlyArray<{ storeId: string; ticketId: string; json: string }>,
  batchSize: number,
): number {
  const db = new Database(join(dir, 'plain.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE ticket (store_id TEXT NOT NULL, ticket_id TEXT NOT NULL, body TEXT NOT NULL,
             PRIMARY KEY (store_id, ticket_id)) WITHOUT ROWID`);
    const insert = db.prepare('INSERT INTO ticket (store_id, ticket_id, body) VALUES (?, ?, ?)');
    const insertBatch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const row = rows[i]!;
        insert.run(row.storeId, row.ticketId, row.json);
      }
    });
    const started = process.hrtime.bigint();
    for (let i = 0; i < rows.length; i += batchSize)
      insertBatch(i, Math.min(rows.length, i + batchSize));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return rows.length / seconds;
  } finally {
    db.close();
  }
}
