import Database from 'better-sqlite3';
import { chmodSync } from 'node:fs';
import type { LedgerBlock } from '../ledger/gateway';
import { Projection, type ProjectedBlock } from './projection';
import { PROJECTED_TABLES, READ_MODEL_VERSION, SCHEMA } from './schema';

/** Where the read model's database is, and how it opens. */
export interface ReadModelOptions {
  /** Open read-only (a second process reading while the projector writes). */
  readonly readonly?: boolean;
  /**
   * Page cache of this connection, MiB (default 32). The server opens two,
   * one for the queries and one on the projection thread, and each fills up
   * to its size in a large read model: their sum is part of its memory.
   */
  readonly cacheMiB?: number;
}

/**
 * The query side's own SQLite file, fed block by block from the ledger.
 * Each block's rows and the checkpoint naming that block are written in one
 * transaction, so after a crash the file holds whole blocks only and the
 * projector resumes exactly after the last one: nothing counted twice,
 * nothing skipped.
 */
export class ReadModel {
  /** The open database, for the query modules. */
  readonly db: Database.Database;
  private readonly applyInTransaction:
    ((blocks: readonly LedgerBlock[]) => ProjectedBlock[]) | undefined;
  private readonly readCheckpoint: Database.Statement;

  private constructor(file: string, options: ReadModelOptions) {
    this.db = new Database(file, { readonly: options.readonly ?? false });
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma(`cache_size = -${Math.round((options.cacheMiB ?? 32) * 1024)}`);
    if (options.readonly) {
      this.readCheckpoint = this.db.prepare(`SELECT block_number FROM checkpoint WHERE id = 1`);
      return;
    }
    // It holds every ticket, customer and basket: the owner's only, whatever
    // the umask (SQLite makes its -wal and -shm files with the same mode).
    chmodSync(file, 0o600);
    this.db.pragma('journal_mode = WAL');
    // Losing the last commits in a power cut is harmless: the checkpoint goes
    // with them, and the projector projects those blocks again.
    this.db.pragma('synchronous = NORMAL');
    // A block's rows land on pages all over a large file (aggregates, indexes
    // by store, customer, product), and the next blocks dirty many of the
    // same pages again: checkpointing every 40 MiB rather than every 4 MiB
    // copies each such page into the database once instead of many times.
    this.db.pragma('wal_autocheckpoint = 10000');
    this.migrate();
    this.readCheckpoint = this.db.prepare(`SELECT block_number FROM checkpoint WHERE id = 1`);
    const projection = new Projection(this.db);
    const writeCheckpoint = this.db.prepare(
      `INSERT INTO checkpoint (id, block_number) VALUES (1, ?)
       ON CONFLICT (id) DO UPDATE SET block_number = excluded.block_number`,
    );
    this.applyInTransaction = this.db.transaction((blocks: readonly LedgerBlock[]) => {
      let expected = this.checkpoint() + 1;
      for (const block of blocks) {
        if (block.number !== expected) {
          throw new Error(`read model expects block ${expected}, was given block ${block.number}`);
        }
        expected++;
      }
      const projected = projection.applyAll(blocks);
      if (blocks.length > 0) writeCheckpoint.run(expected - 1);
      return projected;
    });
  }

  /** Opens (creating if needed) the read model in `file`. */
  static open(file: string, options: ReadModelOptions = {}): ReadModel {
    return new ReadModel(file, options);
  }

  /** Number of the last block projected; -1 before the first. */
  checkpoint(): number {
    const row = this.readCheckpoint.get() as { block_number: number } | undefined;
    return row?.block_number ?? -1;
  }

  /**
   * Projects the next block and moves the checkpoint to it, atomically.
   * @throws if `block` is not the one after the checkpoint.
   */
  apply(block: LedgerBlock): ProjectedBlock {
    return this.applyAll([block])[0]!;
  }

  /**
   * Projects consecutive blocks in one transaction, with the checkpoint at
   * the last. Blocks that follow each other touch many of the same pages
   * (sales aggregates, index leaves), so one commit for several of them
   * writes far fewer pages than one commit each.
   * @throws if the blocks do not follow the checkpoint without a gap.
   */
  applyAll(blocks: readonly LedgerBlock[]): ProjectedBlock[] {
    if (this.applyInTransaction === undefined) throw new Error('the read model is read-only');
    return this.applyInTransaction(blocks);
  }

  /** The database file. */
  get file(): string {
    return this.db.name;
  }

  /** Empties every projected table, back to before block 0. */
  reset(): void {
    this.db.transaction(() => {
      for (const table of PROJECTED_TABLES) this.db.exec(`DELETE FROM ${table}`);
    })();
  }

  /**
   * Removes an erased customer from every table (docs/ledger.md#erasure-of-a-customer), in one
   * transaction: their tickets keep their sales without the customer, their movements, balance,
   * grants and participant row go, and other customers' movements lose them as counterparty.
   * A rebuild gives the same, from the redacted events the ledger serves once erased.
   */
  eraseCustomer(customerId: string): void {
    this.db.transaction(() => {
      const run = (sql: string) => this.db.prepare(sql).run(customerId);
      run(`UPDATE ticket SET customer_id = NULL WHERE customer_id = ?`);
      run(`DELETE FROM points_movement WHERE customer_id = ?`);
      run(`UPDATE points_movement SET counterparty_id = NULL WHERE counterparty_id = ?`);
      run(`DELETE FROM points_balance WHERE customer_id = ?`);
      run(`DELETE FROM points_grant WHERE customer_id = ?`);
      run(`DELETE FROM participant WHERE kind = 'customer' AND id = ?`);
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private migrate(): void {
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`,
    );
    const row = this.db.prepare(`SELECT value FROM meta WHERE key = 'version'`).get() as
      { value: string } | undefined;
    if (row !== undefined && Number(row.value) !== READ_MODEL_VERSION) {
      // Derived data of another shape: start over (before creating this
      // version's indexes on the old tables), and the projector refills it.
      for (const table of PROJECTED_TABLES) this.db.exec(`DROP TABLE IF EXISTS ${table}`);
    }
    this.db.exec(SCHEMA);
    this.db
      .prepare(
        `INSERT INTO meta (key, value) VALUES ('version', ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      )
      .run(String(READ_MODEL_VERSION));
  }
}
