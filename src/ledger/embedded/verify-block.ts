import { hash, type KeyObject } from 'node:crypto';
import { hashLeaf, LogAppender } from '../merkle';
import { leafOfRow } from './tx-leaf';
import { decodeBlockHeader, hashBlockHeader } from './block-header';
import { verifySignature } from './node-key';
import type { BlockRow, TxRow } from './store';
import { decodeLeafRecord, payloadMismatch, type EncodedBytes, type LeafRecord } from './tx-record';
import { openRecord, TxOpeningError } from './tx-open';
import type { VerifyFailure } from './verify-report';
import {
  ERASURE_CONTRACT,
  ERASURE_FN,
  parseErasureArgs,
  replacementText,
  storedErasures,
} from './erasure';
import { WITHHELD_KEY } from './tx-record';

/**
 * The checks of one block that need nothing outside it: the header's hash,
 * signature and form; each record against its row, its place and its
 * payload; the block's Merkle root. What the verifier still has to do in
 * log order (the chain, the log root, the replay) comes out of it in a
 * compact form, so these checks can run on any thread, several blocks at a
 * time, while one thread links and replays them.
 */

/** What the replay needs of a transaction, and the first block-local problem with it. */
export interface CheckedTx {
  readonly txId: string;
  readonly seq: number;
  /** RFC 6962 leaf hash of the record (32 bytes). */
  readonly leaf: Uint8Array;
  /** A check of this transaction alone failed; nothing else below is set. */
  readonly failure?: VerifyFailure;
  readonly validation: string;
  /** Keys read and the versions seen (`null`: absent). */
  readonly reads: ReadonlyArray<readonly [key: string, version: number | null]>;
  /** Keys written and the SHA-256 of each value (`null`: deleted). */
  readonly writes: ReadonlyArray<readonly [key: string, digest: Uint8Array | null]>;
  /** The stored key-history links: absent (`null` column), unreadable, or one per write. */
  readonly links: 'none' | 'malformed' | ReadonlyArray<number | null>;
  /** Erased parts of it, and the parts it lists as an erasure record; absent when neither. */
  readonly erasure?: ErasureFacts;
}

/**
 * What the verifier matches across transactions: erased parts with the erasure records that list
 * them (docs/ledger.md#how-eter-verify-checks-erased-parts). A replacement is compared as
 * {@link replacementText} gives it, `null` for a withheld part.
 */
export interface ErasureFacts {
  /** This transaction's erased parts. Its erased reads are left out of `reads`. */
  readonly erased: ReadonlyArray<
    readonly [part: string, commitment: string, replacement: string | null]
  >;
  /** The parts this transaction, an erasure record, lists as erased. */
  readonly lists?: ReadonlyArray<
    readonly [seq: number, part: string, commitment: string, replacement: string | null]
  >;
}

/** A block as the verifier links it into the chain and the log. */
export interface CheckedBlock {
  /** The row's number. */
  readonly number: number;
  /** The header is wrong on its own (hash, signature, form); nothing below is set. */
  readonly headerFailure?: VerifyFailure;
  /** SHA-256 of the header bytes, hex. */
  readonly hash: string;
  readonly previousHash: string;
  readonly ledgerId: string;
  readonly logSize: number;
  readonly logRoot: string;
  readonly headerTxCount: number;
  readonly firstSeq: number;
  /** Transactions found for the block. */
  readonly txCount: number;
  /** The header, the row and the transactions found agree on the count. */
  readonly countsAgree: boolean;
  /** Up to and including the first one that failed on its own. */
  readonly txs: readonly CheckedTx[];
  /** The transactions are sound but their root is not the header's. */
  readonly txRootFailure?: VerifyFailure;
}

/** Runs a block's own checks; `txs` are its stored transactions in order. */
export function checkBlock(
  row: BlockRow,
  txs: readonly TxRow[],
  publicKey: KeyObject,
): CheckedBlock {
  const where = { block: row.number };
  const headerHash = hashBlockHeader(row.header);
  const unsound = (failure: VerifyFailure): CheckedBlock => headerFailed(row.number, failure);
  if (!headerHash.equals(row.hash)) {
    return unsound({
      code: 'block-hash',
      message: 'stored block hash is not the header hash',
      ...where,
    });
  }
  if (!verifySignature(publicKey, row.header, row.signature)) {
    return unsound({ code: 'signature', message: 'header signature does not verify', ...where });
  }
  let header;
  try {
    header = decodeBlockHeader(row.header);
  } catch {
    return unsound({ code: 'block-header', message: 'header is not a block header', ...where });
  }
  if (header.number !== row.number) {
    return unsound({
      code: 'block-header',
      message: `header says block ${header.number}`,
      ...where,
    });
  }
  const countsAgree = txs.length === header.txCount && txs.length === row.txCount;
  const checked: CheckedTx[] = [];
  const tree = new LogAppender();
  for (const [i, tx] of txs.entries()) {
    const one = checkTx(tx, row, row.firstSeq + i);
    checked.push(one);
    if (one.failure !== undefined) break;
    tree.append(one.leaf);
  }
  const sound = checked.length === txs.length && checked.every((tx) => tx.failure === undefined);
  const txRootFailure: VerifyFailure | undefined =
    sound && countsAgree && tree.root().toString('hex') !== header.txRoot
      ? { code: 'tx-root', message: 'transaction root does not match the records', ...where }
      : undefined;
  return {
    number: row.number,
    hash: headerHash.toString('hex'),
    previousHash: header.previousHash,
    ledgerId: header.ledgerId,
    logSize: header.logSize,
    logRoot: header.logRoot,
    headerTxCount: header.txCount,
    firstSeq: row.firstSeq,
    txCount: txs.length,
    countsAgree,
    txs: checked,
    ...(txRootFailure === undefined ? {} : { txRootFailure }),
  };
}

/** A transaction that failed its own checks: nothing else of it is known. */
export function txFailed(
  txId: string,
  seq: number,
  leaf: Uint8Array,
  failure: VerifyFailure,
): CheckedTx {
  return { txId, seq, leaf, failure, validation: '', reads: [], writes: [], links: 'none' };
}

/** A block whose header failed its own checks: nothing else of it is known. */
export function headerFailed(number: number, failure: VerifyFailure): CheckedBlock {
  return { ...EMPTY_BLOCK, number, headerFailure: failure };
}

const EMPTY_BLOCK = {
  hash: '',
  previousHash: '',
  ledgerId: '',
  logSize: 0,
  logRoot: '',
  headerTxCount: 0,
  firstSeq: 0,
  txCount: 0,
  countsAgree: false,
  txs: [],
} as const;

function checkTx(tx: TxRow, row: BlockRow, seq: number): CheckedTx {
  // A version 3 record's leaf is computed from it (below); until then, the stored bytes'.
  let leaf = hashLeaf(tx.record);
  const at = { block: row.number, txId: tx.txId, seq: tx.seq };
  const unsound = (failure: VerifyFailure): CheckedTx => txFailed(tx.txId, tx.seq, leaf, failure);
  let record: LeafRecord;
  try {
    record = decodeLeafRecord(tx.record);
  } catch {
    return unsound({ code: 'tx-record', message: 'transaction record is not readable', ...at });
  }
  if (
    record.txId !== tx.txId ||
    record.seq !== tx.seq ||
    record.block !== row.number ||
    tx.block !== row.number ||
    tx.seq !== seq
  ) {
    return unsound({
      code: 'tx-record',
      message: 'record does not match its place in the ledger',
      ...at,
    });
  }
  if (tx.valid !== (record.validation === 'VALID')) {
    return unsound({
      code: 'tx-record',
      message: 'stored validity differs from the record',
      ...at,
    });
  }
  if (record.v === 1) {
    const mismatch = tx.opening === null ? payloadMismatch(record, tx) : 'opening';
    if (mismatch !== undefined) {
      return unsound({
        code: 'tx-payload',
        message: `stored ${mismatch} do not match the record`,
        ...at,
      });
    }
    return {
      txId: tx.txId,
      seq: tx.seq,
      leaf,
      validation: record.validation,
      reads: record.reads,
      writes: record.writes.map((w) => [w.key, 'delete' in w ? null : digestOfEncoded(w.value)]),
      links: historyLinks(tx.prev),
    };
  }
  // Versions 2 and 3: every commitment recomputed from the stored value and salt; a version 3
  // leaf from the record, its elements and their salts (a wrong one fails the log root).
  let content;
  try {
    content = openRecord(record, tx, true);
    if (record.v === 3) leaf = hashLeaf(leafOfRow(record, tx));
  } catch (error) {
    if (!(error instanceof TxOpeningError)) throw error;
    return unsound({ code: 'tx-payload', message: error.message, ...at });
  }
  const erased = content.erased.size === 0 ? [] : storedErasures(record, content, tx);
  let lists: ErasureFacts['lists'];
  if (
    record.validation === 'VALID' &&
    record.contract === ERASURE_CONTRACT &&
    record.fn === ERASURE_FN
  ) {
    if (content.erased.has(0)) {
      return unsound({ code: 'erasure', message: 'an erasure record was erased', ...at });
    }
    try {
      lists = parseErasureArgs(tx.args).parts.map((p): [number, string, string, string | null] => [
        p.seq,
        p.part,
        p.commitment,
        replacementText(p.replacement),
      ]);
    } catch {
      return unsound({ code: 'erasure', message: 'erasure record is not readable', ...at });
    }
  }
  return {
    txId: tx.txId,
    seq: tx.seq,
    leaf,
    validation: record.validation,
    reads:
      content.erased.size === 0 ? content.reads : content.reads.filter(([k]) => k !== WITHHELD_KEY),
    writes: content.writes.map(([key, value]) => [key, value === null ? null : digestOf(value)]),
    links: historyLinks(tx.prev),
    ...(erased.length === 0 && lists === undefined
      ? {}
      : { erasure: { erased, ...(lists === undefined ? {} : { lists }) } }),
  };
}

function historyLinks(prev: string | null): CheckedTx['links'] {
  if (prev === null) return 'none';
  let links: unknown;
  try {
    links = JSON.parse(prev);
  } catch {
    return 'malformed';
  }
  const wellFormed =
    Array.isArray(links) &&
    links.every((link) => link === null || (Number.isSafeInteger(link) && link >= 0));
  return wellFormed ? (links as Array<number | null>) : 'malformed';
}

/** SHA-256 of a value's bytes: what the replay keeps and the state check compares. */
export function digestOf(bytes: Uint8Array | string): Buffer {
  return hash('sha256', bytes, 'buffer') as unknown as Buffer;
}

/** The same digest, of a value as a record encodes it. */
function digestOfEncoded(value: EncodedBytes): Buffer {
  // `text` is only used for bytes that are valid UTF-8: hashing its UTF-8 is hashing the bytes.
  return 'text' in value ? digestOf(value.text) : digestOf(Buffer.from(value.base64, 'base64'));
}
