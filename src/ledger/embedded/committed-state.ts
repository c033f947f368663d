import type { LedgerStore, StateEntry } from './store';

/** A committed key's value and version; `value === null` means absent. */
export interface VersionedValue {
  readonly value: Buffer | null;
  /** Seq of the transaction that last wrote the key; `null` when absent. */
  readonly version: number | null;
}

const ABSENT: VersionedValue = Object.freeze({ value: null, version: null });

/**
 * The committed world state as transactions read it: the database behind a
 * bounded cache. The embedded ledger is the file's only writer, so the cache
 * is kept exact by {@link apply} at every commit; it remembers absent keys
 * too, since contracts probe for keys that do not exist yet (idempotency
 * checks) on every transaction.
 */
export class CommittedState {
  private readonly cache = new Map<string, VersionedValue>();

  constructor(
    private readonly store: LedgerStore,
    private readonly capacity = 200_000,
  ) {}

  /** Value and version of a key as of the last committed block. */
  get(key: string): VersionedValue {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const row = this.store.getState(key);
    const entry = row === undefined ? ABSENT : { value: row.value, version: row.version };
    this.remember(key, entry);
    return entry;
  }

  /** Committed entries with `start <= key < end` (`end` empty: unbounded), in key order. */
  range(start: string, end: string, limit: number): StateEntry[] {
    return this.store.range(start, end, limit);
  }

  /** Records a committed block's writes. Call only after the database commit succeeded. */
  apply(writes: ReadonlyMap<string, { value: Buffer | null; version: number }>): void {
    for (const [key, w] of writes) {
      this.remember(key, w.value === null ? ABSENT : { value: w.value, version: w.version });
    }
  }

  /** Forgets everything (after a failed commit, say). */
  clear(): void {
    this.cache.clear();
  }

  private remember(key: string, entry: VersionedValue): void {
    // Insertion-ordered Map: re-inserting moves a key to the young end, and
    // the oldest entries go first when the cache is full.
    this.cache.delete(key);
    this.cache.set(key, entry);
    if (this.cache.size > this.capacity) {
      const drop = this.capacity >> 3;
      let n = 0;
      for (const k of this.cache.keys()) {
        this.cache.delete(k);
        if (++n >= drop) break;
      }
    }
  }
}
