/** The ledger database's tables (schema 3; `store-migration.ts` upgrades schemas 1 and 2). */

/** Written in `meta` as `schema`; a file of another version is refused or upgraded. */
export const SCHEMA_VERSION = 3;

/** Creates what is missing; run on every writable open. */
export const SCHEMA = `
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
-- payload the record binds by hash. prev is the key history: for each of a
-- valid transaction's writes, in the record's order, the seq of the write
-- before it to the same key (null for the first), as a JSON array.
-- opening (schema 3) is what a version 2 record commits to without showing
-- it: the salts of its parts and the bodies of its reads, ranges and writes
-- (docs/ledger.md); NULL for a version 1 record, which holds them itself.
CREATE TABLE IF NOT EXISTS tx (
  seq    INTEGER PRIMARY KEY,
  tx_id  TEXT NOT NULL UNIQUE,
  block  INTEGER NOT NULL,
  valid  INTEGER NOT NULL,
  record BLOB NOT NULL,
  args   TEXT NOT NULL,
  result BLOB,
  event  BLOB,
  prev   TEXT,
  opening BLOB
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

-- Deleted keys and the seq of the deleting transaction: where their
-- history starts (live keys start from state.version).
CREATE TABLE IF NOT EXISTS tombstone (
  key     TEXT PRIMARY KEY,
  version INTEGER NOT NULL
) WITHOUT ROWID;

-- Complete subtrees of the RFC 6962 log: level 0 holds the leaf hashes.
CREATE TABLE IF NOT EXISTS merkle_node (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  hash  BLOB NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
`;
