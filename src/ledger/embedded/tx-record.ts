import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import type { Identity } from '../gateway/identity';
import type { ValidationCode } from '../gateway/validation-code';
import {
  argsBody,
  decodeFields,
  encodeFields,
  eventBody,
  PART_KINDS,
  rangeBody,
  rangeOfBody,
  readBody,
  readOfBody,
  resultBody,
  SALT_SIZE,
  writeBody,
  writeOfBody,
  type EncodedBytes,
  type PartKind,
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

/** A version 2 record, with the gateway's types for who submitted it and the verdict. */
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
 * Serialises a record into its leaf bytes. Field order is fixed by the
 * object literal, so equal records always give equal bytes.
 */
export function encodeTxRecord(record: TxRecord): Buffer {
  return Buffer.from(
    JSON.stringify({
      v: record.v,
      txId: record.txId,
      block: record.block,
      seq: record.seq,
      contract: record.contract,
      fn: record.fn,
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
  if (record === null || typeof record !== 'object' || (record.v !== 1 && record.v !== 2)) {
    throw new Error('not a version 1 or 2 transaction record');
  }
  return record;
}

/** Serialises a version 2 record into its leaf bytes, fields in a fixed order. */
export function encodeTxRecordV2(record: TxRecordV2): Buffer {
  return Buffer.from(
    JSON.stringify({
      v: 2,
      txId: record.txId,
      block: record.block,
      seq: record.seq,
      contract: record.contract,
      fn: record.fn,
      creator: record.creator,
      timestamp: record.timestamp,
      args: record.args,
      reads: record.reads,
      ranges: record.ranges,
      writes: record.writes,
      result: record.result,
      event: record.event,
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
  readonly v: 1 | 2;
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
}

/** What a version 2 transaction stores beside its record: its payload and its opening. */
export interface TxOpeningRow extends TxPayload {
  readonly record: Buffer;
  /** The salts and the read, range and write bodies ({@link sealTransaction}); `null` for v1. */
  readonly opening: Buffer | null;
}

/** A part whose stored value or salt does not open its commitment, or an unreadable opening. */
export class TxOpeningError extends Error {
  constructor(
    /** `args`, `reads/2`, `writes/0`, `result`, `event`, or `opening` for the stored bytes. */
    readonly part: string,
    message: string,
  ) {
    super(message);
    this.name = 'TxOpeningError';
  }
}

/** A version 2 leaf and what is stored beside it. */
export interface SealedTx {
  readonly record: Buffer;
  readonly opening: Buffer;
}

/** The parts a transaction of this shape commits to, in record order: the salts' count. */
export function partCount(
  reads: number,
  ranges: number,
  writes: number,
  result: boolean,
  event: boolean,
): number {
  return 1 + reads + ranges + writes + (result ? 1 : 0) + (event ? 1 : 0);
}

/**
 * Commits to every part of a transaction with the salts given (16 bytes each, in record order:
 * arguments, reads, ranges, writes, result, event) and returns the version 2 leaf and the
 * opening: the salts, then the read, range and write bodies and the event name, as
 * {@link encodeFields} lays out fields (the arguments, result and event payload have columns of
 * their own).
 */
export function sealTransaction(
  tx: Omit<TxContent, 'v' | 'writes' | 'eventName'> & {
    readonly writes: ReadonlyArray<readonly [key: string, value: Uint8Array | null]>;
    readonly event: { readonly name: string } | null;
  },
  payload: TxPayload,
  salts: Uint8Array,
): SealedTx {
  let at = 0;
  const commit = (kind: PartKind, body: Uint8Array): string => {
    const salt = salts.subarray(at, at + SALT_SIZE);
    at += SALT_SIZE;
    return commitOf(kind, salt, body);
  };
  const readBodies = tx.reads.map(([key, version]) => readBody(key, version));
  const rangeBodies = tx.ranges.map(rangeBody);
  const writeBodies = tx.writes.map(([key, value]) => writeBody(key, value));
  const record: TxRecordV2 = {
    v: 2,
    txId: tx.txId,
    block: tx.block,
    seq: tx.seq,
    contract: tx.contract,
    fn: tx.fn,
    creator: tx.creator,
    timestamp: tx.timestamp,
    args: commit('args', argsBody(payload.args)),
    reads: readBodies.map((body) => commit('read', body)),
    ranges: rangeBodies.map((body) => commit('range', body)),
    writes: writeBodies.map((body) => commit('write', body)),
    result: payload.result === null ? null : commit('result', resultBody(payload.result)),
    event:
      tx.event === null
        ? null
        : commit('event', eventBody(tx.event.name, payload.eventPayload ?? new Uint8Array(0))),
    validation: tx.validation,
  };
  if (at !== salts.length)
    throw new Error(`${salts.length / SALT_SIZE} salts for ${at / SALT_SIZE} parts`);
  const names = tx.event === null ? [] : [Buffer.from(tx.event.name, 'utf8')];
  const bodies = encodeFields([...readBodies, ...rangeBodies, ...writeBodies, ...names]);
  const opening = Buffer.allocUnsafe(salts.length + bodies.length);
  opening.set(salts, 0);
  opening.set(bodies, salts.length);
  return { record: encodeTxRecordV2(record), opening };
}

/** {@link commitment} with node:crypto: `eter verify` and the log writer run it for every part. */
export function commitOf(kind: PartKind, salt: Uint8Array, body: Uint8Array): string {
  const input = Buffer.allocUnsafe(2 + salt.length + body.length);
  input[0] = 0x02;
  input.set(salt, 1);
  input[1 + salt.length] = PART_KINDS[kind];
  input.set(body, 2 + salt.length);
  return hash('sha256', input, 'base64url');
}

/** A version 2 transaction's parts as stored: salts and bodies, in record order. */
export interface StoredParts {
  readonly salts: Buffer;
  readonly reads: readonly Uint8Array[];
  readonly ranges: readonly Uint8Array[];
  readonly writes: readonly Uint8Array[];
  readonly eventName: string | null;
}

/**
 * Splits a version 2 transaction's opening into salts and bodies.
 * @throws {TxOpeningError} `opening` if it is missing or does not fit the record.
 */
export function storedParts(record: TxRecordV2, opening: Buffer | null): StoredParts {
  const bad = (why: string): never => {
    throw new TxOpeningError('opening', `the stored opening ${why}`);
  };
  if (opening === null) return bad('is missing');
  const count = partCount(
    record.reads.length,
    record.ranges.length,
    record.writes.length,
    record.result !== null,
    record.event !== null,
  );
  const saltBytes = count * SALT_SIZE;
  if (opening.length < saltBytes) return bad('is shorter than its salts');
  const fields = decodeFields(opening.subarray(saltBytes)) ?? bad('is not length-prefixed fields');
  const ends = [record.reads.length, record.ranges.length, record.writes.length];
  const [r, g, w] = [ends[0]!, ends[0]! + ends[1]!, ends[0]! + ends[1]! + ends[2]!];
  if (fields.length !== w + (record.event === null ? 0 : 1)) {
    return bad('does not have a body for each read, range and write');
  }
  return {
    salts: opening.subarray(0, saltBytes),
    reads: fields.slice(0, r),
    ranges: fields.slice(r, g),
    writes: fields.slice(g, w),
    eventName: record.event === null ? null : Buffer.from(fields[w]!).toString('utf8'),
  };
}

/**
 * The transaction a stored row holds, of either record version. With `check`, every commitment
 * of a version 2 record is recomputed from its stored value and salt first.
 * @throws {TxOpeningError} naming the first part that does not open (only with `check`), or
 * `opening` when the stored opening is unreadable.
 */
export function openTx(row: TxOpeningRow, check = false): TxContent {
  return openRecord(decodeLeafRecord(row.record), row, check);
}

/** {@link openTx} of a record already decoded from `row.record`. */
export function openRecord(record: LeafRecord, row: TxOpeningRow, check = false): TxContent {
  if (record.v === 1) {
    return {
      ...record,
      writes: record.writes.map((w) => [w.key, 'delete' in w ? null : decodeBytes(w.value)]),
      eventName: record.event?.name ?? null,
    };
  }
  const parts = storedParts(record, row.opening);
  if (check) checkParts(record, parts, row);
  const unreadable = (part: string): never => {
    throw new TxOpeningError(part, `the stored ${part} is not a well-formed body`);
  };
  return {
    v: 2,
    txId: record.txId,
    block: record.block,
    seq: record.seq,
    contract: record.contract,
    fn: record.fn,
    creator: record.creator,
    timestamp: record.timestamp,
    reads: parts.reads.map((body, i) => readOfBody(body) ?? unreadable(`reads/${i}`)),
    ranges: parts.ranges.map((body, i) => rangeOfBody(body) ?? unreadable(`ranges/${i}`)),
    writes: parts.writes.map((body, i) => {
      const write = writeOfBody(body) ?? unreadable(`writes/${i}`);
      return [write[0], write[1] === null ? null : asBuffer(write[1])];
    }),
    eventName: parts.eventName,
    validation: record.validation,
  };
}

/** Recomputes every commitment of a version 2 record from the stored parts and payload. */
function checkParts(record: TxRecordV2, parts: StoredParts, payload: TxPayload): void {
  let at = 0;
  const check = (part: string, kind: PartKind, body: Uint8Array, expected: string | null) => {
    const salt = parts.salts.subarray(at, at + SALT_SIZE);
    at += SALT_SIZE;
    if (commitOf(kind, salt, body) !== expected) {
      throw new TxOpeningError(part, `the stored ${part} does not open its commitment`);
    }
  };
  check('args', 'args', argsBody(payload.args), record.args);
  parts.reads.forEach((body, i) => check(`reads/${i}`, 'read', body, record.reads[i]!));
  parts.ranges.forEach((body, i) => check(`ranges/${i}`, 'range', body, record.ranges[i]!));
  parts.writes.forEach((body, i) => check(`writes/${i}`, 'write', body, record.writes[i]!));
  if ((payload.result === null) !== (record.result === null)) {
    throw new TxOpeningError('result', 'the stored result does not match the record');
  }
  if (payload.result !== null) {
    check('result', 'result', resultBody(payload.result), record.result);
  }
  if ((payload.eventPayload === null) !== (record.event === null)) {
    throw new TxOpeningError('event', 'the stored event does not match the record');
  }
  if (parts.eventName !== null && payload.eventPayload !== null) {
    check('event', 'event', eventBody(parts.eventName, payload.eventPayload), record.event);
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
