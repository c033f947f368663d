import { hash, type KeyObject } from 'node:crypto';
import { LogAppender } from '../merkle';
import { decodeBlockHeader, GENESIS_PREVIOUS_HASH, hashBlockHeader } from './block-header';
import { verifySignature } from './node-key';
import type { LedgerStore } from './store';
import { decodeTxRecord, type EncodedBytes, type TxRecord } from './tx-record';
import { VerifyReader } from './verify-reader';
import type { TxDigest } from './verify-source';

/** The check that found a ledger unsound. */
export type VerifyFailureCode =
  | 'block-header'
  | 'block-hash'
  | 'signature'
  | 'chain'
  | 'ledger-id'
  | 'tx-count'
  | 'tx-record'
  | 'tx-payload'
  | 'tx-root'
  | 'log-root'
  | 'merkle-node'
  | 'replay'
  | 'state'
  | 'history';

/** Where and why verification stopped. */
export interface VerifyFailure {
  readonly code: VerifyFailureCode;
  readonly message: string;
  readonly block?: number;
  readonly txId?: string;
  readonly seq?: number;
  readonly key?: string;
}

/** What verification checked, and the first problem if any. */
export interface VerifyReport {
  readonly ok: boolean;
  readonly blocks: number;
  readonly transactions: number;
  readonly stateKeys: number;
  readonly failure?: VerifyFailure;
}

/** How to verify. */
export interface VerifyOptions {
  /**
   * Read and hash blocks on a second thread while this one replays them.
   * Default false: handing pages between threads costs about a quarter more
   * CPU in all, which pays only when a second core is idle (measured on a
   * shared two-core machine: slower; see docs/benchmarks.md).
   */
  readonly threaded?: boolean;
}

/** Progress callback: blocks checked so far out of the total. */
export type VerifyProgress = (done: number, total: number) => void;

class Unsound extends Error {
  constructor(readonly failure: VerifyFailure) {
    super(failure.message);
  }
}

const PAGE = 512;

/**
 * A key as the replay left it: the SHA-256 of its value (`null` once
 * deleted), not the value itself, so that memory grows by ~100 bytes a key
 * rather than by the size of every record; and the seq that wrote it.
 */
interface Replayed {
  digest: string | null;
  version: number;
}

/**
 * Checks an embedded ledger end to end, trusting nothing stored but the
 * node's public key: every header's hash, signature and link to the one
 * before; every transaction record against its block; the block and log
 * Merkle roots recomputed from the records; every stored Merkle node; and a
 * replay of all transactions in order that re-validates each verdict (MVCC
 * read versions) and must rebuild the world state exactly.
 *
 * Memory grows with the number of keys ever written (about 100 bytes each
 * plus the key: the replay keeps a digest of each value, not the value).
 * A ledger of ten million keys needs about 2 GB.
 */
export function verifyLedger(
  store: LedgerStore,
  publicKey: KeyObject,
  onProgress?: VerifyProgress,
  options: VerifyOptions = {},
): VerifyReport {
  const state = new Map<string, Replayed>();
  let blocks = 0;
  let transactions = 0;
  const reader = new VerifyReader(store, options.threaded ?? false);
  try {
    const total = store.blockCount();
    const log = new LogAppender();
    const leaves: Uint8Array[] = [];
    let previousHash = GENESIS_PREVIOUS_HASH;
    let ledgerId: string | undefined;
    let next = 0;

    for (;;) {
      const page = reader.nextPage();
      if (page.blocks.length === 0) break;
      for (const { row, txs } of page.blocks) {
        const where = { block: row.number };
        if (row.number !== next)
          fail({ code: 'chain', message: `block ${next} is missing`, ...where });
        const hash = hashBlockHeader(row.header);
        if (!hash.equals(row.hash))
          fail({
            code: 'block-hash',
            message: 'stored block hash is not the header hash',
            ...where,
          });
        if (!verifySignature(publicKey, row.header, row.signature)) {
          fail({ code: 'signature', message: 'header signature does not verify', ...where });
        }
        let header;
        try {
          header = decodeBlockHeader(row.header);
        } catch {
          fail({ code: 'block-header', message: 'header is not a block header', ...where });
        }
        if (header.number !== row.number)
          fail({ code: 'block-header', message: `header says block ${header.number}`, ...where });
        if (header.previousHash !== previousHash) {
          fail({
            code: 'chain',
            message: 'previousHash does not match the previous header',
            ...where,
          });
        }
        ledgerId ??= header.ledgerId;
        if (header.ledgerId !== ledgerId)
          fail({ code: 'ledger-id', message: `block of ledger ${header.ledgerId}`, ...where });

        if (
          txs.length !== header.txCount ||
          txs.length !== row.txCount ||
          row.firstSeq !== log.size
        ) {
          fail({
            code: 'tx-count',
            message: `header counts ${header.txCount} transactions from ${log.size}, found ${txs.length} from ${row.firstSeq}`,
            ...where,
          });
        }
        const blockTree = new LogAppender();
        for (const tx of txs) {
          const at = { block: row.number, txId: tx.txId, seq: tx.seq };
          let record: TxRecord;
          try {
            record = decodeTxRecord(tx.record);
          } catch {
            fail({ code: 'tx-record', message: 'transaction record is not readable', ...at });
          }
          if (
            record.txId !== tx.txId ||
            record.seq !== tx.seq ||
            record.block !== row.number ||
            tx.block !== row.number ||
            tx.seq !== log.size
          ) {
            fail({
              code: 'tx-record',
              message: 'record does not match its place in the ledger',
              ...at,
            });
          }
          if (tx.valid !== (record.validation === 'VALID')) {
            fail({ code: 'tx-record', message: 'stored validity differs from the record', ...at });
          }
          const mismatch = digestMismatch(record, tx);
          if (mismatch !== undefined) {
            fail({
              code: 'tx-payload',
              message: `stored ${mismatch} do not match the record`,
              ...at,
            });
          }
          replay(record, tx.prev, state, at);
          leaves.push(tx.leaf);
          log.append(tx.leaf);
          blockTree.append(tx.leaf);
          transactions++;
        }
        if (blockTree.root().toString('hex') !== header.txRoot) {
          fail({
            code: 'tx-root',
            message: 'transaction root does not match the records',
            ...where,
          });
        }
        if (log.size !== header.logSize || log.root().toString('hex') !== header.logRoot) {
          fail({ code: 'log-root', message: 'log root does not match the records', ...where });
        }
        previousHash = hash.toString('hex');
        blocks++;
        next = row.number + 1;
        onProgress?.(blocks, total);
      }
    }
    const nodesProblem = reader.storedNodesProblem(leaves);
    if (nodesProblem !== undefined) fail({ code: 'merkle-node', message: nodesProblem });
    const stateKeys = checkState(store, state);
    checkTombstones(store, state);
    return { ok: true, blocks, transactions, stateKeys };
  } catch (error) {
    if (error instanceof Unsound) {
      return { ok: false, blocks, transactions, stateKeys: state.size, failure: error.failure };
    }
    throw error;
  } finally {
    reader.close();
  }
}

/** The part of the stored payload whose hash differs from the record's, if any. */
function digestMismatch(record: TxRecord, tx: TxDigest): 'args' | 'result' | 'event' | undefined {
  if (tx.argsHash !== record.argsHash) return 'args';
  if (tx.resultHash !== record.resultHash) return 'result';
  if (tx.eventHash !== (record.event?.payloadHash ?? null)) return 'event';
  return undefined;
}

function fail(failure: VerifyFailure): never {
  throw new Unsound(failure);
}

/** The version a reader of `key` sees: `null` when absent or deleted. */
function liveVersion(entry: Replayed | undefined): number | null {
  return entry === undefined || entry.digest === null ? null : entry.version;
}

/** SHA-256 of a value's bytes, as a 32-character binary (latin1) string (compact as a Map value). */
function digestOf(bytes: Uint8Array): string {
  return hash('sha256', bytes, 'binary');
}

/** The same digest, of a value as a record encodes it. */
function digestOfEncoded(value: EncodedBytes): string {
  // `text` is only used for bytes that are valid UTF-8: hashing its UTF-8 is hashing the bytes.
  return 'text' in value
    ? hash('sha256', value.text, 'binary')
    : digestOf(Buffer.from(value.base64, 'base64'));
}

/**
 * Applies a transaction to the replayed state, after checking that its
 * verdict is what a committer would give now (a valid one read current
 * versions; one marked as an MVCC conflict really read a stale one) and
 * that its stored key-history links name each key's previous write.
 */
function replay(
  record: TxRecord,
  prev: string | null,
  state: Map<string, Replayed>,
  at: { block: number; txId: string; seq: number },
): void {
  const stale = record.reads.some(([key, version]) => liveVersion(state.get(key)) !== version);
  if (record.validation === 'VALID' && stale) {
    fail({ code: 'replay', message: 'a valid transaction read a stale version', ...at });
  }
  if (record.validation === 'MVCC_READ_CONFLICT' && !stale) {
    fail({
      code: 'replay',
      message: 'marked as an MVCC conflict, but its reads were current',
      ...at,
    });
  }
  if (record.validation !== 'VALID') {
    if (prev !== null)
      fail({ code: 'history', message: 'an invalid transaction has history links', ...at });
    return;
  }
  const links = historyLinks(prev, record.writes.length, at);
  record.writes.forEach((write, i) => {
    if (links[i] !== (state.get(write.key)?.version ?? null)) {
      fail({
        code: 'history',
        message: 'history link does not name the previous write of the key',
        key: write.key,
        ...at,
      });
    }
    state.set(write.key, {
      digest: 'delete' in write ? null : digestOfEncoded(write.value),
      version: record.seq,
    });
  });
}

function historyLinks(
  prev: string | null,
  writes: number,
  at: { block: number; txId: string; seq: number },
): Array<number | null> {
  let links: unknown;
  try {
    links = prev === null ? null : JSON.parse(prev);
  } catch {
    links = null;
  }
  if (!Array.isArray(links) || links.length !== writes) {
    fail({ code: 'history', message: 'history links are missing or malformed', ...at });
  }
  return links as Array<number | null>;
}

/** The stored world state must be exactly the replayed one. */
function checkState(store: LedgerStore, state: ReadonlyMap<string, Replayed>): number {
  let count = 0;
  for (let after = 0; ;) {
    const page = store.statePage(after, PAGE * 8);
    for (const row of page) {
      const replayed = state.get(row.key);
      if (replayed === undefined || replayed.digest === null) {
        fail({
          code: 'state',
          message: 'state holds a key no valid transaction wrote',
          key: row.key,
        });
      }
      if (replayed.version !== row.version || replayed.digest !== digestOf(row.value)) {
        fail({
          code: 'state',
          message: 'state value differs from the replayed history',
          key: row.key,
        });
      }
      count++;
    }
    if (page.length < PAGE * 8) break;
    after = page[page.length - 1]!.id;
  }
  let live = 0;
  for (const entry of state.values()) if (entry.digest !== null) live++;
  if (count !== live) {
    fail({ code: 'state', message: `state has ${count} keys, the replay gives ${live}` });
  }
  return count;
}

/** Deleted keys, where their history starts, must be exactly the replayed deletions. */
function checkTombstones(store: LedgerStore, state: ReadonlyMap<string, Replayed>): void {
  let count = 0;
  for (let after = ''; ;) {
    const page = store.tombstones(after, PAGE * 8);
    for (const row of page) {
      const replayed = state.get(row.key);
      if (replayed === undefined || replayed.digest !== null || replayed.version !== row.version) {
        fail({
          code: 'history',
          message: 'tombstone does not match the replayed deletion',
          key: row.key,
        });
      }
      count++;
    }
    if (page.length < PAGE * 8) break;
    after = page[page.length - 1]!.key;
  }
  let deleted = 0;
  for (const entry of state.values()) if (entry.digest === null) deleted++;
  if (count !== deleted) {
    fail({ code: 'history', message: `${count} tombstones, the replay deletes ${deleted} keys` });
  }
}
