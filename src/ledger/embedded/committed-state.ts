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

/** A cache entry: `value` is `undefined` when only the version is kept. */
interface CachedEntry {
  readonly value: Buffer | null | undefined;
  readonly version: number | null;
  /** The block that wrote it, for entries that came from blocks. */
  readonly block?: number | undefined;
}

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
  /**
   * Entries from blocks carry the block that wrote them; entries read from
   * the file do not. A `value` of `undefined`: only the version is kept.
   */
  private readonly cache = new Map<string, CachedEntry>();
  /** Approximate bytes held by `cache` (see {@link entryBytes}). */
  private cachedBytes = 0;
  /**
   * Every key written by this block or a later one is in `pending` or in
   * `cache`: a block's writes enter the cache as it becomes durable, and
   * evicting one of them moves this past the block that wrote it.
   */
  private completeFrom = Number.POSITIVE_INFINITY;

  /**
   * @param capacity most keys cached
   * @param capacityBytes most bytes cached (keys, values and per-entry
   *   overhead, approximately): values are whole records, a ticket's is over
   *   a kilobyte, so a count alone does not bound memory
   * @param keepWrittenValues cache the values blocks write, not only their
   *   versions: worth it where transactions are simulated against this
   *   state; where they are not (endorsing threads do it), versions are all
   *   the committer needs, and far more keys fit
   */
  constructor(
    private readonly store: LedgerStore,
    private readonly capacity = 200_000,
    private readonly capacityBytes = 16 * 1024 * 1024,
    private readonly keepWrittenValues = true,
  ) {}

  /** Value and version of a key as of the last validated block. */
  get(key: string): VersionedValue {
    const entry = this.pending.get(key) ?? this.cache.get(key);
    if (entry !== undefined && entry.value !== undefined) return entry as VersionedValue;
    const row = this.store.getState(key);
    // A version-only entry is durable: the file holds that very version,
    // and the entry keeps the block that wrote it.
    const found = row === undefined ? ABSENT : { value: row.value, version: row.version };
    const loaded: CachedEntry =
      entry?.block === undefined ? found : { ...found, block: entry.block };
    this.remember(key, loaded);
    return loaded as VersionedValue;
  }

  /** Version of a key as of the last validated block (`null`: absent). */
  version(key: string): number | null {
    const entry = this.pending.get(key) ?? this.cache.get(key);
    return entry !== undefined ? entry.version : this.get(key).version;
  }

  /**
   * Starts the record of which keys blocks wrote, from block `height` on
   * (the next block to be validated). Until called, and after
   * {@link reset}, {@link unchangedSince} always answers false.
   */
  trackWritesFrom(height: number): void {
    this.completeFrom = height;
  }

  /**
   * True when `key` is known not to have been written by block `height` or
   * any later one validated so far: its version now is the one it had once
   * block `height - 1` was durable. Answers from memory only (false when it
   * cannot tell), so that the committer can check a read of a key that
   * neither it nor its cache has seen lately (a new ticket's id, a customer
   * read a while ago) without a database lookup.
   */
  unchangedSince(key: string, height: number): boolean {
    return this.completeFrom <= height && !this.pending.has(key) && !this.cache.has(key);
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
        entry.value === null
          ? { ...ABSENT, block }
          : {
              value: this.keepWrittenValues ? compact(entry.value) : undefined,
              version: entry.version,
              block,
            },
      );
    }
  }

  /** Drops cached entries of these keys (changed on disk by another connection). */
  forget(keys: Iterable<string>): void {
    for (const key of keys) this.forgetCached(key);
  }

  /** Forgets everything not read back from disk (after a failed write); see {@link trackWritesFrom}. */
  reset(): void {
    this.pending.clear();
    this.cache.clear();
    this.cachedBytes = 0;
    this.completeFrom = Number.POSITIVE_INFINITY;
  }

  private remember(key: string, entry: CachedEntry): void {
    if (this.capacity === 0 || this.capacityBytes === 0) {
      if (entry.block !== undefined) this.completeFrom = Number.POSITIVE_INFINITY;
      return;
    }
    // Insertion-ordered Map: re-inserting moves a key to the young end, and
    // the oldest entries go first when the cache is full. A newer entry of
    // the same key replaces the old one, which is no eviction.
    this.drop(key);
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

  /** Evicts a key: only blocks after the one that wrote it still have all their keys here. */
  private forgetCached(key: string): void {
    const block = this.drop(key)?.block;
    if (block !== undefined && block >= this.completeFrom) this.completeFrom = block + 1;
  }

  /** Removes a key's entry, if cached, and returns it. */
  private drop(key: string): CachedEntry | undefined {
    const entry = this.cache.get(key);
    if (entry === undefined) return undefined;
    this.cache.delete(key);
    this.cachedBytes -= entryBytes(key, entry);
    return entry;
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
function entryBytes(key: string, entry: CachedEntry): number {
  return 2 * key.length + (entry.value?.length ?? 0) + 160;
}

/** Key order as SQLite's BINARY collation sees it: UTF-8 bytes, i.e. code points. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
