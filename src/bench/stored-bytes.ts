/**
 * What a ledger database holds, from SQLite's own accounting: the pages it
 * uses (`page_count` less the free list, times `page_size`), the pages of
 * each table with its indexes (the `dbstat` virtual table, which
 * better-sqlite3's SQLite is built with), and the bytes of the transaction
 * record's columns and of the state's values. Not the kernel's write
 * counters, which count page-cache folios and the WAL's copies.
 */
import Database from 'better-sqlite3';

/** One look at a ledger file. */
export interface StoreSnapshot {
  /** Bytes of the pages in use: (page_count − freelist_count) × page_size. */
  readonly bytes: number;
  /** Bytes of the pages of each table, its indexes and overflow pages included, by table name. */
  readonly tables: Readonly<Record<string, number>>;
  /** Bytes of values in columns (`tx.record`, `tx.opening`, `state.value`, …), before SQLite's pages. */
  readonly columns: Readonly<Record<string, number>>;
}

/** What recording added, per ticket. */
export interface StoredBytes {
  /** Bytes of pages in use a ticket: the headline figure. */
  readonly total: number;
  readonly tables: Readonly<Record<string, number>>;
  readonly columns: Readonly<Record<string, number>>;
}

/** The columns whose bytes are summed, by table; a column a schema lacks holds 0 bytes. */
const COLUMNS: Readonly<Record<string, readonly string[]>> = {
  tx: ['record', 'opening', 'args', 'result', 'event', 'prev'],
  state: ['value'],
};

/**
 * Reads `file` through a read-only connection of its own: safe while the
 * ledger has it open (WAL mode: this sees the last commit, WAL included).
 */
export function snapshotStore(file: string): StoreSnapshot {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    const free = db.pragma('freelist_count', { simple: true }) as number;
    const tables: Record<string, number> = {};
    // An index counts with its table; the schema table under its own name.
    const rows = db
      .prepare(
        `SELECT coalesce(s.tbl_name, d.name) AS name, sum(d.pgsize) AS bytes
           FROM dbstat AS d LEFT JOIN sqlite_schema AS s ON s.name = d.name
          GROUP BY 1`,
      )
      .all() as { name: string; bytes: number }[];
    for (const row of rows) tables[row.name] = row.bytes;
    const columns: Record<string, number> = {};
    for (const [table, wanted] of Object.entries(COLUMNS)) {
      const present = new Set(
        (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name),
      );
      const have = wanted.filter((c) => present.has(c));
      for (const c of wanted) columns[`${table}.${c}`] = 0;
      if (have.length === 0) continue;
      // CAST AS BLOB: length() of TEXT counts characters, of a BLOB bytes.
      const sums = db
        .prepare(
          `SELECT ${have.map((c) => `coalesce(sum(length(CAST(${c} AS BLOB))), 0) AS ${c}`).join(', ')} FROM ${table}`,
        )
        .get() as Record<string, number>;
      for (const c of have) columns[`${table}.${c}`] = sums[c]!;
    }
    return { bytes: (pageCount - free) * pageSize, tables, columns };
  } finally {
    db.close();
  }
}

/** Each key's growth from `before` to `after` divided by `tickets`; a key missing on one side counts 0. */
function perTicket(
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
  tickets: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    out[key] = ((after[key] ?? 0) - (before[key] ?? 0)) / tickets;
  }
  return out;
}

/**
 * What `tickets` tickets added between two snapshots of the same ledger.
 * @throws {RangeError} for a ticket count that is not positive.
 */
export function storedPerTicket(
  before: StoreSnapshot,
  after: StoreSnapshot,
  tickets: number,
): StoredBytes {
  if (!(tickets > 0)) throw new RangeError(`tickets must be positive, not ${tickets}`);
  return {
    total: (after.bytes - before.bytes) / tickets,
    tables: perTicket(before.tables, after.tables, tickets),
    columns: perTicket(before.columns, after.columns, tickets),
  };
}

/** Medians, key by key, of several runs' figures. */
export function medianStored(
  runs: readonly StoredBytes[],
  median: (values: readonly number[]) => number,
): StoredBytes {
  const keyed = (pick: (r: StoredBytes) => Readonly<Record<string, number>>) => {
    const out: Record<string, number> = {};
    const keys = new Set(runs.flatMap((r) => Object.keys(pick(r))));
    for (const key of [...keys].sort()) out[key] = median(runs.map((r) => pick(r)[key] ?? 0));
    return out;
  };
  return {
    total: median(runs.map((r) => r.total)),
    tables: keyed((r) => r.tables),
    columns: keyed((r) => r.columns),
  };
}

/** One line: the total and where it went, e.g. `4120 B (tx 3000, state 800, merkle_node 100; …)`. */
export function describeStored(s: StoredBytes): string {
  const parts = (record: Readonly<Record<string, number>>) =>
    Object.entries(record)
      .filter(([, v]) => Math.round(v) !== 0)
      .map(([k, v]) => `${k} ${Math.round(v)}`)
      .join(', ');
  return `${Math.round(s.total)} B (pages by table: ${parts(s.tables)}; values: ${parts(s.columns)})`;
}
