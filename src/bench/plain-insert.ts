import Database from 'better-sqlite3';
import { join } from 'node:path';

/** A ticket as both the ledger and the plain table take it: its key and its JSON. */
export type TicketRow = { storeId: string; ticketId: string; json: string };

/**
 * The baseline: the same ticket rows inserted into a plain SQLite table,
 * with the ledger's durability settings (WAL, synchronous=FULL) and the same
 * batch size as its blocks. What a ledger costs is measured against this.
 * `preloaded` rows go in first, unmeasured, as they went into the ledger.
 * @returns rows per second.
 */
export function plainInsertRate(
  dir: string,
  rows: ReadonlyArray<TicketRow>,
  batchSize: number,
  preloaded: ReadonlyArray<TicketRow> = [],
): number {
  const db = new Database(join(dir, 'plain.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE ticket (store_id TEXT NOT NULL, ticket_id TEXT NOT NULL, body TEXT NOT NULL,
             PRIMARY KEY (store_id, ticket_id)) WITHOUT ROWID`);
    const insert = db.prepare('INSERT INTO ticket (store_id, ticket_id, body) VALUES (?, ?, ?)');
    const insertBatch = db.transaction(
      (batch: ReadonlyArray<TicketRow>, from: number, to: number) => {
        for (let i = from; i < to; i++) {
          const row = batch[i]!;
          insert.run(row.storeId, row.ticketId, row.json);
        }
      },
    );
    const insertAll = (batch: ReadonlyArray<TicketRow>) => {
      for (let i = 0; i < batch.length; i += batchSize)
        insertBatch(batch, i, Math.min(batch.length, i + batchSize));
    };
    insertAll(preloaded);
    const started = process.hrtime.bigint();
    insertAll(rows);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return rows.length / seconds;
  } finally {
    db.close();
  }
}
