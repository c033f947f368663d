import type Database from 'better-sqlite3';
import { decodeTxRecord } from './tx-record';

/** Transactions read per step of the migration. */
const PAGE = 2_048;

/**
 * Upgrades a schema-1 ledger database to schema 2, in one transaction.
 *
 * Schema 1 kept key history in a `(key, seq)` index. Every block inserted
 * into it at random places, and that index was a third of the bytes each
 * commit wrote. Schema 2 links each write to the previous write of its key
 * instead (`tx.prev`), and keeps deleted keys' last version in `tombstone`.
 * Both are rebuilt here by replaying the valid transactions in log order;
 * the records themselves, and so every hash, proof and signature, are
 * untouched.
 */
export function migrateFromV1(db: Database.Database): void {
  db.transaction(() => {
    db.exec(`ALTER TABLE tx ADD COLUMN prev TEXT`);
    const read = db.prepare(
      `SELECT seq, record FROM tx WHERE valid = 1 AND seq > ? ORDER BY seq LIMIT ?`,
    );
    const link = db.prepare(`UPDATE tx SET prev = ? WHERE seq = ?`);
    const latest = new Map<string, { version: number; deleted: boolean }>();
    for (let after = -1; ;) {
      const rows = read.all(after, PAGE) as Array<{ seq: number; record: Buffer }>;
      for (const { seq, record } of rows) {
        const links = decodeTxRecord(record).writes.map((write) => {
          const previous = latest.get(write.key)?.version ?? null;
          latest.set(write.key, { version: seq, deleted: 'delete' in write });
          return previous;
        });
        link.run(JSON.stringify(links), seq);
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.seq;
    }
    const tombstone = db.prepare(`INSERT INTO tombstone (key, version) VALUES (?, ?)`);
    for (const [key, { version, deleted }] of latest) if (deleted) tombstone.run(key, version);
    db.exec(`DROP TABLE IF EXISTS history`);
    db.prepare(`UPDATE meta SET value = '2' WHERE name = 'schema'`).run();
  })();
}

/**
 * Upgrades a schema-2 ledger database to schema 3: a column for what version 2 records commit
 * to (`tx.opening`). Existing rows hold version 1 records, which need none: nothing is rewritten.
 */
export function migrateFromV2(db: Database.Database): void {
  db.transaction(() => {
    db.exec(`ALTER TABLE tx ADD COLUMN opening BLOB`);
    db.prepare(`UPDATE meta SET value = '3' WHERE name = 'schema'`).run();
  })();
}
