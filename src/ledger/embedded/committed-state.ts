import type { LedgerStore, StateEntry } from './store';

/** A committed key's value and version; `value === null` means absent. */
export interface VersionedValue {
  readonly value: Buffer | null;
  /** Seq of the transaction that last wrote the key; `null` when absent. */
  readonly version: number | null;
}

/** A block's final writes: key to value (`null` deletes) and version. */
export type BlockWrites = ReadonlyMap<string, { value: Buffer | null; version: number }>;

const ABSENT: VersionedValue = Object.freeze({ value: null, version: null });

/**
 * The committed world state as transactions read it. Blocks are validated
 * on this thread and written to disk on another, so the state is three
 * layers: blocks validated but not yet durable (`pending`, never evicted),
 * a bounded cache of durable entries, and the database. The embedded ledger
 * is the file's only writer, so the layers stay exact; the cache remembers
 * absent keys too, since contracts probe for keys that do not exist yet
 * (idempotency checks) on every transaction.
 */
export class CommittedState {
  private readonly pending = new Map<string, VersionedValue & { block: number }>();
  private readonly cache = new Map<string, VersionedValue>();
  /** Approximate bytes held by `cache` (see {@link entryBytes}). */
  private cachedBytes = 0;

  /**
   * @param capacity most keys cached
   * @param capacityBytes most bytes cached (keys, values and per-entry
   *   overhead, approximately): values are whole records, a ticket's is over
   *   a kilobyte, so a count alone does not bound memory
   */
  constructor(
    private readonly store: LedgerStore,
    private readonly capacity = 200_000,
    private readonly capacityBytes = 16 * 1024 * 1024,
  ) {}

  /** Value and version of a key as of the last validated block. */
  get(key: string): VersionedValue {
    const entry = this.pending.get(key) ?? this.cache.get(key);
    if (entry !== undefined) return entry;
    const row = this.store.getState(key);
    const loaded = row === undefined ? ABSENT : { value: row.value, version: row.version };
    this.remember(key, loaded);
    return loaded;
  }

  /** Entries with `start <= key < end` (`end` empty: unbounded), in key order, at most `limit`. */
  range(start: string, end: string, limit: number): StateEntry[] {
    // Pending deletions may hide stored rows: read enough to fill the page anyway.
    const rows = this.store.range(start, end, limit + this.pending.size);
    if (this.pending.size === 0) return rows;
    const merged = new Map(rows.map((row) => [row.key, row]));
    for (const [key, entry] of this.pending) {
      if (compareKeys(key, start) < 0 || (end !== '' && compareKeys(key, end) >= 0)) continue;
      if (entry.value === null) merged.delete(key);
      else merged.set(key, { key, value: entry.value, version: entry.version as number });
    }
    return [...merged.values()].sort((a, b) => compareKeys(a.key, b.key)).slice(0, limit);
  }

  /** Makes a validated block's writes visible, before they are durable. */
  applyBlock(block: number, writes: BlockWrites): void {
    for (const [key, w] of writes) {
      this.pending.set(key, {
        value: w.value,
        version: w.value === null ? null : w.version,
        block,
      });
    }
  }

  /** The block is on disk: its entries move from `pending` to the cache. */
  markDurable(block: number, writes: BlockWrites): void {
    for (const key of writes.keys()) {
      const entry = this.pending.get(key);
      if (entry?.block !== block) continue;
      this.pending.delete(key);
      this.remember(
        key,
        entry.value === null ? ABSENT : { value: compact(entry.value), version: entry.version },
      );
    }
  }

  /** Drops cached entries of these keys (changed on disk by another connection). */
  forget(keys: Iterable<string>): void {
    for (const key of keys) this.forgetCached(key);
  }

  /** Forgets everything not read back from disk (after a failed write). */
  reset(): void {
    this.pending.clear();
    this.cache.clear();
    this.cachedBytes = 0;
  }

  private remember(key: string, entry: VersionedValue): void {
    if (this.capacity === 0 || this.capacityBytes === 0) return;
    // Insertion-ordered Map: re-inserting moves a key to the young end, and
    // the oldest entries go first when the cache is full.
    this.forgetCached(key);
    this.cache.set(key, entry);
    this.cachedBytes += entryBytes(key, entry);
    if (this.cache.size > this.capacity || this.cachedBytes > this.capacityBytes) {
      // Evict an eighth at once, so that eviction is not paid on every insert.
      const keepKeys = this.capacity - (this.capacity >> 3);
      const keepBytes = this.capacityBytes - (this.capacityBytes >> 3);
      for (const k of this.cache.keys()) {
        if (this.cache.size <= keepKeys && this.cachedBytes <= keepBytes) break;
        this.forgetCached(k);
      }
    }
  }

  private forgetCached(key: string): void {
    const entry = this.cache.get(key);
    if (entry === undefined) return;
    this.cache.delete(key);
    this.cachedBytes -= entryBytes(key, entry);
  }
}

/**
 * The value in a buffer of its own when it is a view into a larger one (a
 * write decoded from an endorsement): a cached view would keep the whole
 * endorsement alive, about six times the value's size.
 */
function compact(value: Buffer): Buffer {
  if (value.byteLength === value.buffer.byteLength) return value;
  const copy = Buffer.allocUnsafeSlow(value.byteLength);
  value.copy(copy);
  return copy;
}

/** A cached entry's footprint, roughly: key (UTF-16), value bytes, and object and map overhead. */
function entryBytes(key: string, entry: VersionedValue): number {
  return 2 * key.length + (entry.value?.length ?? 0) + 160;
}

/** Key order as SQLite's BINARY collation sees it: UTF-8 bytes, i.e. code points. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
