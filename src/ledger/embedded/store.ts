import Database from 'better-sqlite3';
import { chmodSync } from 'node:fs';
import type { TxPayload } from './tx-record';

/**
 * The embedded ledger's one database file. Everything a block changes is
 * written in one SQLite transaction, in WAL mode with `synchronous=FULL`, so
 * that a commit that returned is on disk and a crash never leaves half a
 * block behind.
 */

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- One row a block. header is the exact signed bytes; hash is SHA-256(header).
CREATE TABLE IF NOT EXISTS block (
  number    INTEGER PRIMARY KEY,
  header    BLOB NOT NULL,
  hash      BLOB NOT NULL,
  signature BLOB NOT NULL,
  first_seq INTEGER NOT NULL,
  tx_count  INTEGER NOT NULL
);

-- One row a transaction, valid or not; seq is its index in the global log,
-- record the exact bytes of its log leaf; args, result and event the
-- payload the record binds by hash.
CREATE TABLE IF NOT EXISTS tx (
  seq    INTEGER PRIMARY KEY,
  tx_id  TEXT NOT NULL UNIQUE,
  block  INTEGER NOT NULL,
  valid  INTEGER NOT NULL,
  record BLOB NOT NULL,
  args   TEXT NOT NULL,
  result BLOB,
  event  BLOB
);

-- World state: the latest value of each key and the seq of the transaction
-- that wrote it (its MVCC version).
-- A rowid table with a key index rather than WITHOUT ROWID: values are
-- large, and SQLite keeps large rows out of the key B-tree this way.
CREATE TABLE IF NOT EXISTS state (
  id      INTEGER PRIMARY KEY,
  key     TEXT NOT NULL UNIQUE,
  value   BLOB NOT NULL,
  version INTEGER NOT NULL
);

-- Key history: which valid transactions wrote (or deleted) each key. Values
-- are read back from the transaction records.
CREATE TABLE IF NOT EXISTS history (
  key TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (key, seq)
) WITHOUT ROWID;

-- Complete subtrees of the RFC 6962 log: level 0 holds the leaf hashes.
CREATE TABLE IF NOT EXISTS merkle_node (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  hash  BLOB NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
`;

/** A committed world-state entry. */
export interface StateEntry {
  readonly key: string;
  readonly value: Buffer;
  /** Log index (seq) of the transaction that last wrote the key. */
  readonly version: number;
}

/** A stored block row. */
export interface BlockRow {
  readonly number: number;
  readonly header: Buffer;
  readonly hash: Buffer;
  readonly signature: Buffer;
  readonly firstSeq: number;
  readonly txCount: number;
}

/** A stored transaction row: the leaf bytes and the payload they bind. */
export interface TxRow extends TxPayload {
  readonly seq: number;
  readonly txId: string;
  readonly block: number;
  readonly valid: boolean;
  readonly record: Buffer;
}

/** Everything one block writes, applied atomically by {@link LedgerStore.commitBlock}. */
export interface BlockWrite {
  readonly block: BlockRow;
  readonly transactions: readonly TxRow[];
  /** Final state of each key the block's valid transactions wrote; `null` deletes. */
  readonly state: ReadonlyMap<string, { value: Buffer | null; version: number }>;
  readonly history: ReadonlyArray<{ key: string; seq: number }>;
  readonly nodes: ReadonlyArray<{ level: number; index: number; hash: Buffer }>;
}

interface RawBlock {
  number: number;
  header: Buffer;
  hash: Buffer;
  signature: Buffer;
  first_seq: number;
  tx_count: number;
}

interface RawTx {
  seq: number;
  tx_id: string;
  block: number;
  valid: number;
  record: Buffer;
  args: string;
  result: Buffer | null;
  event: Buffer | null;
}

function toBlockRow(raw: RawBlock): BlockRow {
  return {
    number: raw.number,
    header: raw.header,
    hash: raw.hash,
    signature: raw.signature,
    firstSeq: raw.first_seq,
    txCount: raw.tx_count,
  };
}

function toTxRow(raw: RawTx): TxRow {
  return {
    seq: raw.seq,
    txId: raw.tx_id,
    block: raw.block,
    valid: raw.valid === 1,
    record: raw.record,
    args: raw.args,
    result: raw.result,
    eventPayload: raw.event,
  };
}

/** Typed access to the ledger database; the only code that speaks SQL to it. */
export class LedgerStore {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly applyBlock: (write: BlockWrite) => void;

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
    if (!readonly) this.initialise(options.cacheKiB ?? 65536);
    const db = this.db;
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
      historyCount: db.prepare(`SELECT count(*) FROM history`).pluck(),
      stateByRowid: db.prepare(
        `SELECT id, key, value, version FROM state WHERE id > ? ORDER BY id LIMIT ?`,
      ),
      history: db.prepare(
        `SELECT t.seq, t.tx_id, t.block, t.valid, t.record FROM history h JOIN tx t ON t.seq = h.seq
         WHERE h.key = ? ORDER BY h.seq DESC`,
      ),
      insertHistory: db.prepare(`INSERT INTO history (key, seq) VALUES (?, ?)`),
      insertBlock: db.prepare(
        `INSERT INTO block (number, header, hash, signature, first_seq, tx_count) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      insertTx: db.prepare(
        `INSERT INTO tx (seq, tx_id, block, valid, record, args, result, event) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertNode: db.prepare(`INSERT INTO merkle_node (level, idx, hash) VALUES (?, ?, ?)`),
      getNode: db.prepare(`SELECT hash FROM merkle_node WHERE level = ? AND idx = ?`).pluck(),
      lastBlock: db.prepare(`SELECT * FROM block ORDER BY number DESC LIMIT 1`),
      blockByNumber: db.prepare(`SELECT * FROM block WHERE number = ?`),
      blocksFrom: db.prepare(`SELECT * FROM block WHERE number >= ? ORDER BY number LIMIT ?`),
      txsInRange: db.prepare(`SELECT * FROM tx WHERE seq >= ? AND seq < ? ORDER BY seq`),
      txById: db.prepare(`SELECT * FROM tx WHERE tx_id = ?`),
    };
    // better-sqlite3 wraps this in BEGIN/COMMIT and rolls back if it throws.
    this.applyBlock = db.transaction((w: BlockWrite) => {
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
        );
      }
      for (const [key, entry] of w.state) {
        if (entry.value === null) s.deleteState.run(key);
        else s.putState.run(key, entry.value, entry.version);
      }
      for (const h of w.history) s.insertHistory.run(h.key, h.seq);
      for (const n of w.nodes) s.insertNode.run(n.level, n.index, n.hash);
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
    // Blocks insert into several B-trees at random places (keys, tx ids):
    // the log writer's larger page cache keeps their inner pages in memory.
    this.db.pragma(`cache_size = -${Math.max(1024, Math.floor(cacheKiB))}`);
    this.db.exec(SCHEMA);
    const version = this.db.prepare(`SELECT value FROM meta WHERE name = 'schema'`).pluck().get();
    if (version === undefined) {
      this.db
        .prepare(`INSERT INTO meta (name, value) VALUES ('schema', ?)`)
        .run(String(SCHEMA_VERSION));
    } else if (version !== String(SCHEMA_VERSION)) {
      this.db.close();
      throw new Error(
        `ledger database ${this.file} has schema version ${String(version)}, this build reads ${SCHEMA_VERSION}`,
      );
    }
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

  /**
   * Up to `limit` state entries in storage order, after the row `afterId`
   * (0 for the first page): the fastest full scan, for checks that need no order.
   */
  statePage(afterId: number, limit: number): Array<StateEntry & { id: number }> {
    return this.stmt.stateByRowid.all(afterId, limit) as Array<StateEntry & { id: number }>;
  }

  /** Number of key-history rows. */
  historyCount(): number {
    return this.stmt.historyCount.get() as number;
  }

  /** Transactions that wrote `key`, newest first. */
  history(key: string): TxRow[] {
    return (this.stmt.history.all(key) as RawTx[]).map(toTxRow);
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

  /** The transactions of a block, in order (by its log range: seq is the primary key). */
  transactionsOf(block: BlockRow): TxRow[] {
    return (
      this.stmt.txsInRange.all(block.firstSeq, block.firstSeq + block.txCount) as RawTx[]
    ).map(toTxRow);
  }

  /** A transaction by id. */
  transaction(txId: string): TxRow | undefined {
    const raw = this.stmt.txById.get(txId) as RawTx | undefined;
    return raw && toTxRow(raw);
  }

  /** Number of stored blocks (numbers are dense from 0, so the last one tells). */
  blockCount(): number {
    return (this.lastBlock()?.number ?? -1) + 1;
  }

  /** Applies one block atomically and durably. Throws (changing nothing) on failure. */
  commitBlock(write: BlockWrite): void {
    this.applyBlock(write);
  }

  /** Closes the database. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
