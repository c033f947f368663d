/**
 * A transaction's record in the log: its types, its encoding and decoding, and the bytes helpers
 * the rest share. Sealing a transaction is in tx-seal.ts, opening a stored one in tx-open.ts, and
 * the commitments both compute in tx-commitment.ts.
 */
import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import type { Identity } from '../gateway/identity';
import type { ValidationCode } from '../gateway/validation-code';
import {
  type EncodedBytes,
  type RangeRead,
  type TxRecord as VerifierTxRecord,
  type TxRecordV2 as VerifierTxRecordV2,
} from '../verifier';

export type { EncodedBytes, RangeRead, WriteEntry } from '../verifier';

/**
 * A transaction as recorded in the log ({@link VerifierTxRecord}, the verifier's definition of
 * its fields), with the gateway's types for who submitted it and the verdict.
 */
export interface TxRecord extends VerifierTxRecord {
  readonly creator: Identity;
  readonly validation: ValidationCode;
}

/** A version 2 or 3 record, with the gateway's types for who submitted it and the verdict. */
export interface TxRecordV2 extends VerifierTxRecordV2 {
  readonly creator: Identity;
  readonly validation: ValidationCode;
}

/** A log leaf of either version. */
export type LeafRecord = TxRecord | TxRecordV2;

/** What a record binds by hash: stored beside it, shipped with proofs. */
export interface TxPayload {
  /** The arguments as a JSON array of strings. */
  readonly args: string;
  readonly result: Buffer | null;
  readonly eventPayload: Buffer | null;
}

/** SHA-256 as lowercase hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/**
 * The part of a payload whose hash differs from the record's, if any. The verifier has the same
 * check for proofs; this one hashes with node:crypto because `eter verify` runs it for every
 * transaction of the ledger.
 */
export function payloadMismatch(
  record: TxRecord,
  payload: TxPayload,
): 'args' | 'result' | 'event' | undefined {
  if (sha256Hex(payload.args) !== record.argsHash) return 'args';
  const resultHash = payload.result === null ? null : sha256Hex(payload.result);
  if (resultHash !== record.resultHash) return 'result';
  const eventHash = payload.eventPayload === null ? null : sha256Hex(payload.eventPayload);
  if (eventHash !== (record.event?.payloadHash ?? null)) return 'event';
  return undefined;
}

/** Encodes bytes so that a reader of the log sees JSON values as JSON text. */
export function encodeBytes(bytes: Uint8Array): EncodedBytes {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return isUtf8(buffer) ? { text: buffer.toString('utf8') } : { base64: buffer.toString('base64') };
}

/** Inverse of {@link encodeBytes}. */
export function decodeBytes(encoded: EncodedBytes): Buffer {
  return 'text' in encoded
    ? Buffer.from(encoded.text, 'utf8')
    : Buffer.from(encoded.base64, 'base64');
}

/**
 * The fields every record version starts with, in their fixed order: each encoder spreads them
 * first, so equal records keep giving equal bytes (a spread keeps the order of its keys).
 */
function leadingFields(record: LeafRecord) {
  return {
    v: record.v,
    txId: record.txId,
    block: record.block,
    seq: record.seq,
    contract: record.contract,
    fn: record.fn,
  };
}

/**
 * Serialises a record into its leaf bytes. Field order is fixed by the
 * object literal, so equal records always give equal bytes.
 */
export function encodeTxRecord(record: TxRecord): Buffer {
  return Buffer.from(
    JSON.stringify({
      ...leadingFields(record),
      argsHash: record.argsHash,
      creator: record.creator,
      timestamp: record.timestamp,
      reads: record.reads,
      ranges: record.ranges,
      writes: record.writes,
      resultHash: record.resultHash,
      event: record.event,
      validation: record.validation,
    }),
    'utf8',
  );
}

/** Parses version 1 leaf bytes back into a record. Throws on malformed input or another version. */
export function decodeTxRecord(bytes: Uint8Array): TxRecord {
  const record = decodeLeafRecord(bytes);
  if (record.v !== 1) throw new Error('not a version 1 transaction record');
  return record;
}

/** Parses leaf bytes of either version. Throws on malformed input. */
export function decodeLeafRecord(bytes: Uint8Array): LeafRecord {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const record = JSON.parse(text) as LeafRecord;
  if (
    record === null ||
    typeof record !== 'object' ||
    (record.v !== 1 && record.v !== 2 && record.v !== 3)
  ) {
    throw new Error('not a version 1, 2 or 3 transaction record');
  }
  return record;
}

/**
 * Serialises a version 2 or 3 record, fields in a fixed order: a version 2 record's leaf bytes,
 * a version 3 record's stored form (its leaf is computed from it, tx-leaf.ts).
 */
export function encodeTxRecordV2(record: TxRecordV2): Buffer {
  return Buffer.from(
    JSON.stringify({
      ...leadingFields(record),
      creator: record.creator,
      timestamp: record.timestamp,
      args: record.args,
      reads: record.reads,
      ranges: record.ranges,
      writes: record.writes,
      result: record.result,
      event: record.event,
      ...(record.v === 3 ? { elements: record.elements ?? null } : {}),
      validation: record.validation,
    }),
    'utf8',
  );
}

/**
 * A transaction as it happened, whichever record version holds it: the record opened with what
 * is stored beside it. What history, listeners and `eter verify` read.
 */
export interface TxContent {
  readonly v: 1 | 2 | 3;
  readonly txId: string;
  readonly block: number;
  readonly seq: number;
  readonly contract: string;
  readonly fn: string;
  readonly creator: Identity;
  readonly timestamp: string;
  readonly reads: ReadonlyArray<readonly [key: string, version: number | null]>;
  readonly ranges: readonly RangeRead[];
  /** In order; `null` deletes. */
  readonly writes: ReadonlyArray<readonly [key: string, value: Buffer | null]>;
  readonly eventName: string | null;
  readonly validation: ValidationCode;
  /**
   * The parts erased (docs/ledger.md#erasure-of-a-customer), by their place in record order
   * (0 the arguments, then reads, ranges, writes, result, event). An erased read, range or write
   * that is withheld stands in its list as {@link WITHHELD_KEY} (a read or write `['', null]`, a
   * range `{start: '', end: '', keys: []}`); a replaced one holds its replacement.
   */
  readonly erased: ReadonlySet<number>;
}

/** The key an erased, withheld read or write stands in its list with: no real key is empty. */
export const WITHHELD_KEY = '';
