import Long from 'long';
import type { ChaincodeStub, Iterators, StateQueryResponse, Timestamp } from 'fabric-shim-api';
import type { Identity } from '../gateway/identity';
import type { CommittedState } from './committed-state';
import type { LedgerStore } from './store';
import { openTx } from './tx-open';
import type { RangeRead } from './tx-record';

/** Fabric's delimiter and upper bound for composite keys. */
const COMPOSITE_KEY_NAMESPACE = '\u0000';
const MAX_UNICODE_RUNE = '\u{10FFFF}';
/** Fabric's substitute for an empty range start: skips the composite-key space. */
const EMPTY_KEY_SUBSTITUTE = '\u0001';
/** Like a peer's `totalQueryLimit`: no range query returns more. */
export const RANGE_QUERY_LIMIT = 100_000;
const RANGE_PAGE = 256;

/** What simulating one transaction read, wrote and emitted. */
export interface Simulation {
  readonly reads: Map<string, number | null>;
  readonly ranges: RangeRead[];
  /** Key to new value; `null` deletes. Insertion order is write order. */
  readonly writes: Map<string, Buffer | null>;
  event: { name: string; payload: Buffer } | null;
}

/** Everything a stub needs to know about the transaction it serves. */
export interface StubContext {
  readonly txId: string;
  readonly channel: string;
  readonly fn: string;
  readonly args: readonly string[];
  readonly creator: Identity;
  readonly timestamp: Date;
}

/**
 * The chaincode stub API over the embedded ledger, with a peer's semantics:
 * reads see committed state only (never the transaction's own writes), every
 * read is recorded with its version for MVCC validation at commit, range
 * reads are recorded for phantom detection, and at most one event is kept
 * (a later `setEvent` replaces an earlier one, as on Fabric).
 */
export class EmbeddedStub implements Partial<ChaincodeStub> {
  readonly simulation: Simulation = {
    reads: new Map(),
    ranges: [],
    writes: new Map(),
    event: null,
  };

  constructor(
    private readonly tx: StubContext,
    private readonly state: CommittedState,
    private readonly store: LedgerStore,
  ) {}

  getTxID(): string {
    return this.tx.txId;
  }

  getChannelID(): string {
    return this.tx.channel;
  }

  getMspID(): string {
    return this.tx.creator.mspId;
  }

  getCreator(): { mspid: string; idBytes: Uint8Array } {
    return { mspid: this.tx.creator.mspId, idBytes: Buffer.from(this.tx.creator.id, 'utf8') };
  }

  getArgs(): string[] {
    return [this.tx.fn, ...this.tx.args];
  }

  getStringArgs(): string[] {
    return this.getArgs();
  }

  getFunctionAndParameters(): { fcn: string; params: string[] } {
    return { fcn: this.tx.fn, params: [...this.tx.args] };
  }

  getTransient(): Map<string, Uint8Array> {
    return new Map();
  }

  getTxTimestamp(): Timestamp {
    const ms = this.tx.timestamp.getTime();
    return { seconds: Long.fromNumber(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 };
  }

  getDateTimestamp(): Date {
    return new Date(this.tx.timestamp.getTime());
  }

  async getState(key: string): Promise<Uint8Array> {
    const { value, version } = this.state.get(checkKey(key));
    if (!this.simulation.reads.has(key)) this.simulation.reads.set(key, version);
    // Fabric returns empty bytes for an absent key.
    return value ?? Buffer.alloc(0);
  }

  async putState(key: string, value: Uint8Array): Promise<void> {
    // As on a peer, an empty value is a deletion.
    this.simulation.writes.set(
      checkKey(key),
      value.length === 0 ? null : Buffer.from(value.buffer, value.byteOffset, value.byteLength),
    );
  }

  async deleteState(key: string): Promise<void> {
    this.simulation.writes.set(checkKey(key), null);
  }

  setEvent(name: string, payload: Uint8Array): void {
    if (typeof name !== 'string' || name.length === 0) {
      throw new Error('event name must be a non-empty string');
    }
    this.simulation.event = { name, payload: Buffer.from(payload) };
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    checkCompositePart(objectType, 'objectType');
    let key = COMPOSITE_KEY_NAMESPACE + objectType + COMPOSITE_KEY_NAMESPACE;
    for (const attribute of attributes) {
      checkCompositePart(attribute, 'attribute');
      key += attribute + COMPOSITE_KEY_NAMESPACE;
    }
    return key;
  }

  splitCompositeKey(compositeKey: string): { objectType: string; attributes: string[] } {
    if (!compositeKey.startsWith(COMPOSITE_KEY_NAMESPACE)) {
      return { objectType: '', attributes: [] };
    }
    const parts = compositeKey.slice(1, -1).split(COMPOSITE_KEY_NAMESPACE);
    return { objectType: parts[0] ?? '', attributes: parts.slice(1) };
  }

  getStateByRange(
    startKey: string,
    endKey: string,
  ): Promise<Iterators.StateQueryIterator> & AsyncIterable<Iterators.KV> {
    const start = startKey === '' ? EMPTY_KEY_SUBSTITUTE : startKey;
    return iterable(this.rangeQuery(start, endKey));
  }

  getStateByPartialCompositeKey(
    objectType: string,
    attributes: string[],
  ): Promise<Iterators.StateQueryIterator> & AsyncIterable<Iterators.KV> {
    const start = this.createCompositeKey(objectType, attributes);
    return iterable(this.rangeQuery(start, start + MAX_UNICODE_RUNE));
  }

  /**
   * A page of a composite-key range from `bookmark` (a key to start at) or
   * the range's start, with the bookmark of the next page, as a peer answers
   * it. A peer allows paged reads in read-only transactions only; so should
   * a contract that uses them.
   */
  getStateByPartialCompositeKeyWithPagination(
    objectType: string,
    attributes: string[],
    pageSize: number,
    bookmark?: string,
  ): Promise<StateQueryResponse<Iterators.StateQueryIterator>> & AsyncIterable<Iterators.KV> {
    const prefix = this.createCompositeKey(objectType, attributes);
    const start = bookmark === undefined || bookmark === '' ? prefix : bookmark;
    const rows: Iterators.KV[] = [];
    let next = '';
    for (const kv of this.rangeQuery(start, prefix + MAX_UNICODE_RUNE)) {
      if (rows.length === pageSize) {
        next = kv.key;
        break;
      }
      rows.push(kv);
    }
    const page = iterable(rows);
    const response = page.then((iterator) => ({
      iterator: iterator as Iterators.StateQueryIterator,
      metadata: { fetchedRecordsCount: rows.length, bookmark: next },
    })) as Promise<StateQueryResponse<Iterators.StateQueryIterator>> & AsyncIterable<Iterators.KV>;
    response[Symbol.asyncIterator] = page[Symbol.asyncIterator];
    return response;
  }

  getHistoryForKey(
    key: string,
  ): Promise<Iterators.HistoryQueryIterator> & AsyncIterable<Iterators.KeyModification> {
    checkKey(key);
    const modifications: Iterators.KeyModification[] = this.store.history(key).map((row) => {
      const record = openTx(row);
      const value = record.writes.find(([written]) => written === key)?.[1] ?? null;
      const ms = Date.parse(record.timestamp);
      return {
        txId: record.txId,
        isDelete: value === null,
        value: value ?? Buffer.alloc(0),
        timestamp: { seconds: Long.fromNumber(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 },
      };
    });
    return iterable(modifications);
  }

  /**
   * A lazily paged range read. What the contract consumed is recorded for
   * phantom detection: if it stops early, the recorded range ends just after
   * the last key it saw, as a peer does with a non-exhausted iterator.
   */
  private rangeQuery(start: string, end: string): Iterable<Iterators.KV> {
    // Until the contract reads on, the range it depends on is empty: [start, start).
    const read: { start: string; end: string; keys: Array<readonly [string, number]> } = {
      start,
      end: start,
      keys: [],
    };
    this.simulation.ranges.push(read);
    const state = this.state;
    return {
      *[Symbol.iterator](): Iterator<Iterators.KV> {
        let from = start;
        for (;;) {
          const rows = state.range(from, end, RANGE_PAGE);
          for (const row of rows) {
            if (read.keys.length >= RANGE_QUERY_LIMIT) {
              throw new Error(`range query returned more than ${RANGE_QUERY_LIMIT} keys`);
            }
            read.keys.push([row.key, row.version]);
            read.end = successor(row.key);
            yield { namespace: '', key: row.key, value: row.value };
          }
          if (rows.length < RANGE_PAGE) break;
          from = successor(rows[rows.length - 1]!.key);
        }
        read.end = end;
      },
    };
  }
}

/** The smallest key greater than `key`. */
function successor(key: string): string {
  return key + '\u0000';
}

function checkKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new Error('key must be a non-empty string');
  }
  return key;
}

function checkCompositePart(part: string, what: string): void {
  if (typeof part !== 'string') throw new Error(`composite key ${what} must be a string`);
  if (part.includes(COMPOSITE_KEY_NAMESPACE) || part.includes(MAX_UNICODE_RUNE)) {
    throw new Error(`composite key ${what} must not contain U+0000 or U+10FFFF`);
  }
}

/** An iterator that is both awaitable (Fabric's `next()/close()` style) and async-iterable. */
function iterable<T>(items: Iterable<T>): Promise<Iterators.CommonIterator<T>> & AsyncIterable<T> {
  const source = items[Symbol.iterator]();
  let closed = false;
  const iterator: Iterators.CommonIterator<T> = {
    async next() {
      const step = closed ? undefined : source.next();
      if (step === undefined || step.done === true) {
        return { value: undefined as unknown as T, done: true };
      }
      return { value: step.value, done: false };
    },
    async close() {
      closed = true;
      source.return?.();
    },
  };
  const promise = Promise.resolve(iterator) as Promise<Iterators.CommonIterator<T>> &
    AsyncIterable<T>;
  promise[Symbol.asyncIterator] = async function* () {
    for (;;) {
      const step = await iterator.next();
      if (step.done) return;
      yield step.value;
    }
  };
  return promise;
}
