import { WITHHELD_KEY } from './tx-record';
import type { CheckedTx } from './verify-block';
import { fail } from './verify-report';

const DIGEST = 32;

/**
 * The world state as the replay rebuilds it: for each key ever written, the
 * seq of its last write and the SHA-256 of the value (or that it was
 * deleted), not the value itself. Keys map to slots of flat arrays, so the
 * map holds small integers and the garbage collector has little to trace:
 * about 100 bytes a key plus the key.
 */
export class ReplayedState {
  private readonly slots = new Map<string, number>();
  private versions = new Float64Array(1024);
  private deleted = new Uint8Array(1024);
  private digests = Buffer.alloc(1024 * DIGEST);

  /** Keys ever written. */
  get size(): number {
    return this.slots.size;
  }

  /** The version a reader of `key` sees: `null` when absent or deleted. */
  liveVersion(key: string): number | null {
    const slot = this.slots.get(key);
    return slot === undefined || this.deleted[slot] === 1 ? null : this.versions[slot]!;
  }

  /** The seq of the last write to `key`, deletion or not; `null` if never written. */
  lastWrite(key: string): number | null {
    const slot = this.slots.get(key);
    return slot === undefined ? null : this.versions[slot]!;
  }

  /** Records a write by transaction `seq`: a value's digest, or `null` for a deletion. */
  write(key: string, digest: Uint8Array | null, seq: number): void {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.slots.size;
      if (slot === this.versions.length) this.grow();
      this.slots.set(key, slot);
    }
    this.versions[slot] = seq;
    this.deleted[slot] = digest === null ? 1 : 0;
    if (digest !== null) this.digests.set(digest, slot * DIGEST);
  }

  /**
   * How a stored live entry differs from the replay: `'absent'` when the
   * replay has no live value for the key, `'differs'` when its version or
   * value digest is another.
   */
  compareLive(key: string, version: number, digest: Uint8Array): 'same' | 'absent' | 'differs' {
    const slot = this.slots.get(key);
    if (slot === undefined || this.deleted[slot] === 1) return 'absent';
    const at = slot * DIGEST;
    const same =
      this.versions[slot] === version &&
      Buffer.compare(digest, this.digests.subarray(at, at + DIGEST)) === 0;
    return same ? 'same' : 'differs';
  }

  /** Whether the replay deleted `key` last, by transaction `version`. */
  isDeletion(key: string, version: number): boolean {
    const slot = this.slots.get(key);
    return slot !== undefined && this.deleted[slot] === 1 && this.versions[slot] === version;
  }

  /** Counts of keys live and deleted at the end of the replay. */
  counts(): { live: number; deleted: number } {
    let deleted = 0;
    for (let slot = 0; slot < this.slots.size; slot++) deleted += this.deleted[slot]!;
    return { live: this.slots.size - deleted, deleted };
  }

  private grow(): void {
    const capacity = this.versions.length * 2;
    const versions = new Float64Array(capacity);
    versions.set(this.versions);
    const deleted = new Uint8Array(capacity);
    deleted.set(this.deleted);
    const digests = Buffer.alloc(capacity * DIGEST);
    this.digests.copy(digests);
    this.versions = versions;
    this.deleted = deleted;
    this.digests = digests;
  }
}

/**
 * Applies a transaction to the replayed state, after checking that its
 * verdict is what a committer would give now (a valid one read current
 * versions; one marked as an MVCC conflict really read a stale one) and
 * that its stored key-history links name each key's previous write.
 */
export function replay(
  tx: CheckedTx,
  state: ReplayedState,
  at: { block: number; txId: string; seq: number },
): void {
  let stale = false;
  for (const [key, version] of tx.reads) {
    if (state.liveVersion(key) !== version) {
      stale = true;
      break;
    }
  }
  if (tx.validation === 'VALID' && stale) {
    fail({ code: 'replay', message: 'a valid transaction read a stale version', ...at });
  }
  // A conflict whose stale read was erased cannot be shown again: accepted unchecked.
  const readErased = tx.erasure?.erased.some(([part]) => part.startsWith('reads/')) ?? false;
  if (tx.validation === 'MVCC_READ_CONFLICT' && !stale && !readErased) {
    fail({
      code: 'replay',
      message: 'marked as an MVCC conflict, but its reads were current',
      ...at,
    });
  }
  if (tx.validation !== 'VALID') {
    if (tx.links !== 'none') {
      fail({ code: 'history', message: 'an invalid transaction has history links', ...at });
    }
    return;
  }
  const links = tx.links;
  if (typeof links === 'string' || links.length !== tx.writes.length) {
    fail({ code: 'history', message: 'history links are missing or malformed', ...at });
  }
  for (let i = 0; i < tx.writes.length; i++) {
    const [key, digest] = tx.writes[i]!;
    // A withheld write's key is unknown: the customer's key, forgotten by the state too.
    if (key === WITHHELD_KEY) continue;
    if (links[i] !== state.lastWrite(key)) {
      fail({
        code: 'history',
        message: 'history link does not name the previous write of the key',
        key,
        ...at,
      });
    }
    state.write(key, digest, tx.seq);
  }
}

/**
 * Erased parts waiting for the erasure record that lists them, in log order: every erased part
 * must be listed, as it is stored, by a later valid `EraseCustomer`, and every part listed must
 * be erased.
 */
export class ErasureLedger {
  private readonly pending = new Map<string, string>();

  /** Takes a transaction's erasure facts, after its replay. */
  take(tx: CheckedTx, at: { block: number; txId: string; seq: number }): void {
    const facts = tx.erasure;
    if (facts === undefined) return;
    for (const [seq, part, commitment, replacement] of facts.lists ?? []) {
      const id = `${seq}:${part}`;
      const stored = this.pending.get(id);
      if (stored === undefined) {
        fail({
          code: 'erasure',
          message: `the erasure record lists ${part} of transaction ${seq}, which is not erased before it`,
          ...at,
        });
      }
      if (stored !== JSON.stringify([commitment, replacement])) {
        fail({
          code: 'erasure',
          message: `${part} of transaction ${seq} is not stored as the erasure record lists it`,
          ...at,
        });
      }
      this.pending.delete(id);
    }
    for (const [part, commitment, replacement] of facts.erased) {
      this.pending.set(`${tx.seq}:${part}`, JSON.stringify([commitment, replacement]));
    }
  }

  /** Fails if an erased part was never listed by an erasure record. */
  finish(): void {
    for (const id of this.pending.keys()) {
      const [seq, part] = id.split(':');
      fail({
        code: 'erasure',
        message: `${part} of transaction ${seq} is erased, and no erasure record lists it`,
        seq: Number(seq),
      });
    }
  }
}
