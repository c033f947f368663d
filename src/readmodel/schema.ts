/**
 * The read model's tables. Everything here is derived from the ledger's
 * blocks by the projector and can be dropped and rebuilt at any time; the
 * ledger stays the truth.
 *
 * Money is stored as integer minor units of the row's currency and
 * quantities as integer thousandths (the format allows three decimals), so
 * that SQL sums stay exact; the query layer turns them back into decimal
 * strings.
 */

/** Bumped when the tables change: a read model of another version is rebuilt. */
export const READ_MODEL_VERSION = 5;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- The last block whose rows are all here; written in the same transaction as them.
CREATE TABLE IF NOT EXISTS checkpoint (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  block_number INTEGER NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS participant (
  kind          TEXT NOT NULL,  -- store | manufacturer | customer
  id            TEXT NOT NULL,
  name          TEXT,
  retailer_id   TEXT,           -- stores: the retailer (chain) they belong to
  status        TEXT NOT NULL,
  record        TEXT NOT NULL,  -- the ledger record, JSON
  registered_at TEXT NOT NULL,
  PRIMARY KEY (kind, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS store_by_retailer ON participant (retailer_id, id)
  WHERE retailer_id IS NOT NULL;

-- seq is the order of projection: deterministic, so a rebuild numbers alike,
-- and it is the id of live stream events (Last-Event-ID).
CREATE TABLE IF NOT EXISTS ticket (
  seq                INTEGER PRIMARY KEY,
  store_id           TEXT NOT NULL,
  ticket_id          TEXT NOT NULL,
  tx_id              TEXT NOT NULL,
  block_number       INTEGER NOT NULL,
  type               TEXT NOT NULL,
  issued_at          TEXT NOT NULL,  -- as on the ticket, with the store's offset
  issued_at_utc      TEXT NOT NULL,  -- for ordering and ranges
  currency           TEXT NOT NULL,
  total_minor        INTEGER NOT NULL,
  customer_id        TEXT,
  original_ticket_id TEXT,
  original_store_id  TEXT,           -- returns: the sale's store
  points_awarded     INTEGER NOT NULL,
  content_hash       TEXT NOT NULL,
  line_count         INTEGER NOT NULL,
  UNIQUE (store_id, ticket_id)
) STRICT;
CREATE INDEX IF NOT EXISTS ticket_by_store_time ON ticket (store_id, issued_at_utc, ticket_id);
CREATE INDEX IF NOT EXISTS ticket_by_customer ON ticket (customer_id, issued_at_utc, seq)
  WHERE customer_id IS NOT NULL;
-- Rowid (seq) is the implicit last column: a store's tickets in stream order.
CREATE INDEX IF NOT EXISTS ticket_by_store_seq ON ticket (store_id);
-- Every store's tickets by time, then seq (the rowid): a manufacturer's lines
-- of a window (queries/sale-lines.ts). Issue times mostly grow, so its
-- writes land at the end of the index.
CREATE INDEX IF NOT EXISTS ticket_by_time ON ticket (issued_at_utc);

CREATE TABLE IF NOT EXISTS line (
  ticket_seq      INTEGER NOT NULL,
  line_no         INTEGER NOT NULL,
  gtin            TEXT NOT NULL,
  description     TEXT NOT NULL,
  quantity_milli  INTEGER NOT NULL,
  amount_minor    INTEGER NOT NULL,
  manufacturer_id TEXT,
  -- Return lines: the sale's line they take back.
  original_line_no INTEGER,
  -- Sale lines: what returns have taken back of them so far.
  returned_quantity_milli INTEGER NOT NULL DEFAULT 0,
  returned_amount_minor   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (ticket_seq, line_no)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS line_by_manufacturer ON line (manufacturer_id, ticket_seq)
  WHERE manufacturer_id IS NOT NULL;

-- Net sales (returns subtract) per manufacturer × product × store × local
-- day or hour of the store, and currency. Keyed by period before store: the
-- rows a block adds or updates are those of the current day and hour, so
-- they sit together at the end of each manufacturer's range instead of on a
-- page per store; a report for all stores reads one range, and a report for
-- one store seeks once per period (queries/sales.ts). No second index: each
-- would cost another page write per line.
CREATE TABLE IF NOT EXISTS sales_day (
  manufacturer_id TEXT NOT NULL,
  day             TEXT NOT NULL,  -- YYYY-MM-DD, the store's local date
  store_id        TEXT NOT NULL,
  gtin            TEXT NOT NULL,
  currency        TEXT NOT NULL,
  quantity_milli  INTEGER NOT NULL,
  amount_minor    INTEGER NOT NULL,
  lines           INTEGER NOT NULL,
  PRIMARY KEY (manufacturer_id, day, store_id, gtin, currency)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS sales_hour (
  manufacturer_id TEXT NOT NULL,
  hour            TEXT NOT NULL,  -- YYYY-MM-DDTHH, the store's local time
  store_id        TEXT NOT NULL,
  gtin            TEXT NOT NULL,
  currency        TEXT NOT NULL,
  quantity_milli  INTEGER NOT NULL,
  amount_minor    INTEGER NOT NULL,
  lines           INTEGER NOT NULL,
  PRIMARY KEY (manufacturer_id, hour, store_id, gtin, currency)
) STRICT, WITHOUT ROWID;

-- seq is the id of live points events, as ticket.seq is for sales.
CREATE TABLE IF NOT EXISTS points_movement (
  seq                INTEGER PRIMARY KEY,
  customer_id        TEXT NOT NULL,
  kind               TEXT NOT NULL,  -- award | transfer-in | transfer-out | redemption | reversal
  delta              INTEGER NOT NULL,
  tx_id              TEXT NOT NULL,
  block_number       INTEGER NOT NULL,
  at                 TEXT NOT NULL,
  store_id           TEXT,
  ticket_id          TEXT,
  transfer_id        TEXT,
  counterparty_id    TEXT,
  grant_id           TEXT,
  original_ticket_id TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS movement_by_customer ON points_movement (customer_id, seq);

-- Running totals per customer; balance = earned + received - given - redeemed - reversed.
CREATE TABLE IF NOT EXISTS points_balance (
  customer_id TEXT PRIMARY KEY,
  balance     INTEGER NOT NULL,
  earned      INTEGER NOT NULL,
  received    INTEGER NOT NULL,
  given       INTEGER NOT NULL,
  redeemed    INTEGER NOT NULL,
  reversed    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Redemption grants as now on the ledger (never their codes: only their hashes are there).
CREATE TABLE IF NOT EXISTS points_grant (
  grant_id        TEXT PRIMARY KEY,
  customer_id     TEXT NOT NULL,
  store_id        TEXT NOT NULL,
  points          INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
  expires_at      TEXT NOT NULL,
  status          TEXT NOT NULL,  -- active | used | cancelled (expiry is read against the clock)
  used_at         TEXT,
  used_tx_id      TEXT,
  points_redeemed INTEGER,
  ticket_id       TEXT,
  redemption_id   TEXT,
  cancelled_at    TEXT,
  block_number    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS grant_by_customer ON points_grant (customer_id, created_at);
`;

/** Tables holding projected rows, emptied by a rebuild. */
export const PROJECTED_TABLES = [
  'checkpoint',
  'participant',
  'ticket',
  'line',
  'sales_day',
  'sales_hour',
  'points_movement',
  'points_balance',
  'points_grant',
] as const;
