import Database from 'better-sqlite3';
import { chmodSync } from 'node:fs';
import { migrateFromV1, migrateFromV2 } from './store-migration';
import {
  toBlockRow,
  TX_COLUMNS,
  TX_COLUMNS_SCHEMA_2,
  txRowOfColumns,
  type BlockRow,
  type RawBlock,
  type RawTxColumns,
  type TxRow,
} from './store-rows';
import { SCHEMA, SCHEMA_VERSION } from './store-schema';

export type { BlockRow, TxRow } from './store-rows';
import { openTx } from './tx-open';

/**
 * The embedded ledger's one database file. Everything a block changes is
 * written in one SQLite transaction, in WAL mode with `synchronous=FULL`, so
 * that a commit that returned is on disk and a crash never leaves half a
 * block behind.
 */

/** A committed world-state entry. */
export interface StateEntry {
  readonly key: string;
  readonly value: Buffer;
  /** Log index (seq) of the transaction that last wrote the key. */
  readonly version: number;
}

/** One key's change in a block. */
export interface StateChange {
  /** The new value; `null` deletes the key. */
  readonly value: Buffer | null;
  /** Seq of the (last) transaction of the block that wrote it. */
  readonly version: number;
  /** The key had been deleted before: its tombstone goes. */
  readonly revives: boolean;
}

/** A key's latest version: live, or deleted by the transaction `version`. */
export interface KeyVersion {
  readonly version: number;
  readonly deleted: boolean;
}

/** Everything one block writes, applied atomically by {@link LedgerStore.commitBlock}. */
export interface BlockWrite {
  readonly block: BlockRow;
  readonly transactions: readonly TxRow[];
  /** Final state of each key the block's valid transactions wrote. */
  readonly state: ReadonlyMap<string, StateChange>;
  readonly nodes: ReadonlyArray<{ level: number; index: number; hash: Buffer }>;
  /** What an erasure record in the block erases (docs/ledger.md#erasure-of-a-customer). */
  readonly erasure?: ErasureWrite;
}

/** The stored rows and state an erasure changes, in its block's SQLite transaction. */
export interface ErasureWrite {
  /** Rows with their erased parts' salts zeroed and values replaced or dropped. */
  readonly rows: ReadonlyArray<{
    readonly seq: number;
    readonly args: string;
    readonly result: Buffer | null;
    readonly eventPayload: Buffer | null;
    readonly opening: Buffer;
  }>;
  /** Keys of withheld writes: their state row and tombstone go. */
  readonly forget: readonly string[];
  /** Keys whose last write was replaced: their state row takes the replacement. */
  readonly rewrite: ReadonlyArray<readonly [key: string, value: Buffer]>;
}

/** The seq of the write to `key` before the one `row` made. */
function previousWrite(row: TxRow, key: string): number | null {
  const index = openTx(row).writes.findIndex(([written]) => written === key);
  const links = row.prev === null ? [] : (JSON.parse(row.prev) as Array<number | null>);
  if (index < 0 || links[index] === undefined) {
    throw new Error(`tx ${row.seq} has no history link for ${key}`);
  }
  return links[index];
}

/** Typed access to the ledger database; the only code that speaks SQL to it. */
export class LedgerStore {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly applyBlock: (build: () => BlockWrite) => void;

  /**
   * Opens (creating if need be) the ledger database. `readonly` opens an
   * existing file for reading only, as the verifier does. `cacheKiB` sizes
   * the page cache of a writable connection (default 64 MiB).
   */
  constructor(
    readonly file: string,
    options: { readonly?: boolean; cacheKiB?: number } = {},
  ) {
    const readonly = options.readonly ?? false;
    this.db = new Database(file, { readonly, fileMustExist: readonly });
    if (readonly) this.assertReadableSchema();
    else this.initialise(options.cacheKiB ?? 65536);
    const db = this.db;
    // Only a read-only connection gets here with schema 2: it selects a NULL opening and never
    // inserts (its insert only has to prepare, on a table without the column).
    const schema2 = this.schemaVersion() === '2';
    const txColumns = schema2 ? TX_COLUMNS_SCHEMA_2 : TX_COLUMNS;
    this.stmt = {
      getMeta: db.prepare(`SELECT value FROM meta WHERE name = ?`).pluck(),
      setMeta: db.prepare(
        `INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value`,
      ),
      getState: db.prepare(`SELECT value, version FROM state WHERE key = ?`),
      putState: db.prepare(
        `INSERT INTO state (key, value, version) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, version = excluded.version`,
      ),
      deleteState: db.prepare(`DELETE FROM state WHERE key = ?`),
      range: db.prepare(
        `SELECT key, value, version FROM state WHERE key >= ? AND key < ? ORDER BY key LIMIT ?`,
      ),
      rangeOpen: db.prepare(
        `SELECT key, value, version FROM state WHERE key >= ? ORDER BY key LIMIT ?`,
      ),
      nodesAt: db.prepare(
        `SELECT idx AS "index", hash FROM merkle_node WHERE level = ? AND idx >= ? ORDER BY idx LIMIT ?`,
      ),
      // Both in one call: most keys a block writes are new, and each call
      // into SQLite costs more than the lookup itself.
      keyVersion: db
        .prepare(
          `SELECT (SELECT version FROM state WHERE key = ?), (SELECT version FROM tombstone WHERE key = ?)`,
        )
        .raw(),
      putTombstone: db.prepare(
        `INSERT INTO tombstone (key, version) VALUES (?, ?)
         ON CONFLICT(key) DO UPDATE SET version = excluded.version`,
      ),
      deleteTombstone: db.prepare(`DELETE FROM tombstone WHERE key = ?`),
      tombstonesAfter: db.prepare(
        `SELECT key, version FROM tombstone WHERE key > ? ORDER BY key LIMIT ?`,
      ),
      txBySeq: db.prepare(`SELECT ${txColumns} FROM tx WHERE seq = ?`).raw(),
      stateInRowids: db
        .prepare(`SELECT key, value, version FROM state WHERE id > ? AND id <= ? ORDER BY id`)
        .raw(),
      stateMaxRowid: db.prepare(`SELECT max(id) FROM state`).pluck(),
      insertBlock: db.prepare(
        `INSERT INTO block (number, header, hash, signature, first_seq, tx_count) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      insertTx: db.prepare(
        schema2
          ? `INSERT INTO tx (seq, tx_id, block, valid, record, args, result, event, prev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, ?))`
          : `INSERT INTO tx (seq, tx_id, block, valid, record, args, result, event, prev, opening) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      nodeCounts: db
        .prepare(`SELECT level, count(*) FROM merkle_node GROUP BY level ORDER BY level`)
        .raw(),
      insertNode: db.prepare(`INSERT INTO merkle_node (level, idx, hash) VALUES (?, ?, ?)`),
      getNode: db.prepare(`SELECT hash FROM merkle_node WHERE level = ? AND idx = ?`).pluck(),
      lastBlock: db.prepare(`SELECT * FROM block ORDER BY number DESC LIMIT 1`),
      blockByNumber: db.prepare(`SELECT * FROM block WHERE number = ?`),
      blocksFrom: db.prepare(`SELECT * FROM block WHERE number >= ? ORDER BY number LIMIT ?`),
      blocksIn: db.prepare(`SELECT * FROM block WHERE number >= ? AND number < ? ORDER BY number`),
      txsInRange: db
        .prepare(`SELECT ${txColumns} FROM tx WHERE seq >= ? AND seq < ? ORDER BY seq`)
        .raw(),
      txById: db.prepare(`SELECT ${txColumns} FROM tx WHERE tx_id = ?`).raw(),
      // Never run on a schema-2 file (read-only): it only has to prepare, without the column.
      eraseTx: db.prepare(
        schema2
          ? `SELECT ?, ?, ?, ?, ?`
          : `UPDATE tx SET args = ?, result = ?, event = ?, opening = ? WHERE seq = ?`,
      ),
      rewriteState: db.prepare(`UPDATE state SET value = ? WHERE key = ?`),
    };
    // better-sqlite3 wraps this in BEGIN/COMMIT and rolls back if it throws.
    this.applyBlock = db.transaction((build: () => BlockWrite) => {
      const w = build();
      const s = this.stmt;
      const b = w.block;
      s.insertBlock.run(b.number, b.header, b.hash, b.signature, b.firstSeq, b.txCount);
      for (const tx of w.transactions) {
        s.insertTx.run(
          tx.seq,
          tx.txId,
          tx.block,
          tx.valid ? 1 : 0,
          tx.record,
          tx.args,
          tx.result,
          tx.eventPayload,
          tx.prev,
          tx.opening,
        );
      }
      for (const [key, change] of w.state) {
        if (change.value === null) {
          s.deleteState.run(key);
          s.putTombstone.run(key, change.version);
        } else {
          s.putState.run(key, change.value, change.version);
          if (change.revives) s.deleteTombstone.run(key);
        }
      }
      for (const n of w.nodes) s.insertNode.run(n.level, n.index, n.hash);
      const erasure = w.erasure;
      if (erasure !== undefined) {
        for (const r of erasure.rows) {
          s.eraseTx.run(r.args, r.result, r.eventPayload, r.opening, r.seq);
        }
        for (const key of erasure.forget) {
          s.deleteState.run(key);
          s.deleteTombstone.run(key);
        }
        for (const [key, value] of erasure.rewrite) s.rewriteState.run(value, key);
      }
    });
  }

  private initialise(cacheKiB: number): void {
    try {
      chmodSync(this.file, 0o600);
    } catch {
      // Not fatal (e.g. an in-memory database); the key file is what must stay private.
    }
    // 16 KiB pages suit rows of a few KiB (transaction records, tickets);
    // it only takes effect on a new file.
    this.db.pragma('page_size = 16384');
    this.db.pragma('journal_mode = WAL');
    // FULL: every commit is fsynced before it returns. This is the durability
    // promise behind every acknowledgement the ledger gives.
    this.db.pragma('synchronous = FULL');
    // Checkpoint the WAL into the database every 64 MiB rather than 4 MiB:
    // fewer, larger copies under sustained load.
    this.db.pragma('wal_autocheckpoint = 4096');
    // An erasure deletes values from rows: overwrite the freed bytes with zeros rather than leave
    // them in free space (docs/ledger.md#what-is-deleted-and-what-stays).
    this.db.pragma('secure_delete = ON');
    // Blocks insert into several B-trees at random places (keys, tx ids):
    // the log writer's larger page cache keeps their inner pages in memory.
    this.db.pragma(`cache_size = -${Math.max(1024, Math.floor(cacheKiB))}`);
    this.db.exec(SCHEMA);
    const version = this.schemaVersion();
    if (version === undefined) {
      this.db
        .prepare(`INSERT INTO meta (name, value) VALUES ('schema', ?)`)
        .run(String(SCHEMA_VERSION));
    } else if (version === '1') {
      migrateFromV1(this.db);
      migrateFromV2(this.db);
    } else if (version === '2') {
      migrateFromV2(this.db);
    } else if (version !== String(SCHEMA_VERSION)) {
      this.refuseSchema(version);
    }
  }

  /**
   * A read-only connection cannot upgrade an older file: say how to. A schema-2 file reads as it
   * is (its records are all version 1, which need no opening), so `eter verify` checks it unchanged.
   */
  private assertReadableSchema(): void {
    const version = this.schemaVersion();
    if (version !== String(SCHEMA_VERSION) && version !== '2') this.refuseSchema(version);
  }

  private schemaVersion(): string | undefined {
    return this.db.prepare(`SELECT value FROM meta WHERE name = 'schema'`).pluck().get() as
      string | undefined;
  }

  private refuseSchema(version: string | undefined): never {
    this.db.close();
    const upgrade =
      version === '1' ? ' (open it once with `eter serve` or `eter init` to upgrade it)' : '';
    throw new Error(
      `ledger database ${this.file} has schema version ${String(version)}, this build reads ${SCHEMA_VERSION}${upgrade}`,
    );
  }

  /** Reads a metadata value. */
  getMeta(name: string): string | undefined {
    return this.stmt.getMeta.get(name) as string | undefined;
  }

  /** Writes a metadata value (outside any block). */
  setMeta(name: string, value: string): void {
    this.stmt.setMeta.run(name, value);
  }

  /** Committed value and version of a key. */
  getState(key: string): { value: Buffer; version: number } | undefined {
    return this.stmt.getState.get(key) as { value: Buffer; version: number } | undefined;
  }

  /** Committed entries with `start <= key < end` (`end` empty: no upper bound), in key order. */
  range(start: string, end: string, limit: number): StateEntry[] {
    return (
      end === '' ? this.stmt.rangeOpen.all(start, limit) : this.stmt.range.all(start, end, limit)
    ) as StateEntry[];
  }

  /** Up to `limit` stored Merkle nodes of one level from `index` on, in index order. */
  nodesAt(level: number, index: number, limit: number): Array<{ index: number; hash: Buffer }> {
    return this.stmt.nodesAt.all(level, index, limit) as Array<{ index: number; hash: Buffer }>;
  }

  /** How many Merkle nodes each stored level holds. */
  nodeCountsByLevel(): Map<number, number> {
    return new Map(this.stmt.nodeCounts.all() as Array<[level: number, count: number]>);
  }

  /**
   * The state entries with `afterId < row id <= lastId`, in storage order:
   * a full scan split in ranges that can be read independently.
   */
  stateInRowids(afterId: number, lastId: number): StateEntry[] {
    const rows = this.stmt.stateInRowids.all(afterId, lastId) as Array<
      [key: string, value: Buffer, version: number]
    >;
    return rows.map(([key, value, version]) => ({ key, value, version }));
  }

  /** The largest state row id (0 when the state is empty). */
  stateMaxRowid(): number {
    return (this.stmt.stateMaxRowid.get() as number | null) ?? 0;
  }

  /** The latest version of a key, live or deleted; `undefined` if it was never written. */
  keyVersion(key: string): KeyVersion | undefined {
    const [live, deleted] = this.stmt.keyVersion.get(key, key) as [number | null, number | null];
    if (live !== null) return { version: live, deleted: false };
    return deleted === null ? undefined : { version: deleted, deleted: true };
  }

  /** Up to `limit` deleted keys after `afterKey`, in key order. */
  tombstones(afterKey: string, limit: number): Array<{ key: string; version: number }> {
    return this.stmt.tombstonesAfter.all(afterKey, limit) as Array<{
      key: string;
      version: number;
    }>;
  }

  /**
   * Transactions that wrote `key`, newest first: from the key's latest
   * version back along each transaction's `prev` link.
   */
  history(key: string): TxRow[] {
    const rows: TxRow[] = [];
    for (let seq = this.keyVersion(key)?.version ?? null; seq !== null;) {
      const raw = this.stmt.txBySeq.get(seq) as RawTxColumns | undefined;
      if (raw === undefined) throw new Error(`key history of ${key} names missing tx ${seq}`);
      const row = txRowOfColumns(raw);
      rows.push(row);
      seq = previousWrite(row, key);
    }
    return rows;
  }

  /** Hash of a stored Merkle node, if present. */
  getNode(level: number, index: number): Buffer | undefined {
    return this.stmt.getNode.get(level, index) as Buffer | undefined;
  }

  /** The newest block, if any. */
  lastBlock(): BlockRow | undefined {
    const raw = this.stmt.lastBlock.get() as RawBlock | undefined;
    return raw && toBlockRow(raw);
  }

  /** The block with this number, if any. */
  block(number: number): BlockRow | undefined {
    const raw = this.stmt.blockByNumber.get(number) as RawBlock | undefined;
    return raw && toBlockRow(raw);
  }

  /** Up to `limit` blocks from `number` on, in order. */
  blocksFrom(number: number, limit: number): BlockRow[] {
    return (this.stmt.blocksFrom.all(number, limit) as RawBlock[]).map(toBlockRow);
  }

  /** The stored blocks numbered `from` to `to - 1`, in order (gaps are the caller's to find). */
  blocksIn(from: number, to: number): BlockRow[] {
    return (this.stmt.blocksIn.all(from, to) as RawBlock[]).map(toBlockRow);
  }

  /** The transactions of a block, in order (by its log range: seq is the primary key). */
  transactionsOf(block: BlockRow): TxRow[] {
    return (
      this.stmt.txsInRange.all(block.firstSeq, block.firstSeq + block.txCount) as RawTxColumns[]
    ).map(txRowOfColumns);
  }

  /** A transaction by its log index. */
  transactionAt(seq: number): TxRow | undefined {
    const raw = this.stmt.txBySeq.get(seq) as RawTxColumns | undefined;
    return raw && txRowOfColumns(raw);
  }

  /** A transaction by id. */
  transaction(txId: string): TxRow | undefined {
    const raw = this.stmt.txById.get(txId) as RawTxColumns | undefined;
    return raw && txRowOfColumns(raw);
  }

  /** Number of stored blocks (numbers are dense from 0, so the last one tells). */
  blockCount(): number {
    return (this.lastBlock()?.number ?? -1) + 1;
  }

  /**
   * Builds a block's write and applies it atomically and durably, in one
   * transaction: what `build` reads (key versions) is read under the write
   * lock, without a read transaction of its own per lookup. Throws
   * (changing nothing) on failure.
   */
  commitBlock(build: () => BlockWrite): void {
    this.applyBlock(build);
  }

  /** Closes the database. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
