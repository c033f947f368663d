import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import type { Identity } from '../gateway/identity';
import type { ValidationCode } from '../gateway/validation-code';

/**
 * A transaction as recorded in the log: the proposal, what it read and
 * wrote, what it returned and emitted, and the validation verdict. Its JSON
 * bytes are the RFC 6962 leaf, so an inclusion proof proves all of it,
 * verdict included. The bulky parts (arguments, result, event payload) are
 * kept beside the record ({@link TxPayload}) and bound to it by their
 * SHA-256: the leaf stays small, which keeps commits and verification fast,
 * and a proof can show the state change without the rest.
 */
export interface TxRecord {
  /** Record format version. */
  readonly v: 1;
  readonly txId: string;
  readonly block: number;
  /** Index of this transaction in the global log. */
  readonly seq: number;
  readonly contract: string;
  readonly fn: string;
  /** SHA-256 (hex) of the arguments' JSON array text ({@link TxPayload.args}). */
  readonly argsHash: string;
  readonly creator: Identity;
  /** Client-proposed time (ISO 8601, UTC, ms). */
  readonly timestamp: string;
  /** Keys read and the version (writer's seq) seen; `null` means absent. */
  readonly reads: ReadonlyArray<readonly [key: string, version: number | null]>;
  /** Range queries and the keys/versions they returned. */
  readonly ranges: readonly RangeRead[];
  readonly writes: readonly WriteEntry[];
  /** SHA-256 (hex) of the result bytes; `null` when the result is empty. */
  readonly resultHash: string | null;
  readonly event: { readonly name: string; readonly payloadHash: string } | null;
  readonly validation: ValidationCode;
}

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

/** The part of a payload whose hash differs from the record's, if any. */
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

/** A range read: `[start, end)` (`end` empty = unbounded) and what it saw. */
export interface RangeRead {
  readonly start: string;
  readonly end: string;
  readonly keys: ReadonlyArray<readonly [key: string, version: number]>;
}

/** A write: a value, or a deletion. */
export type WriteEntry =
  | { readonly key: string; readonly value: EncodedBytes }
  | { readonly key: string; readonly delete: true };

/** Bytes as UTF-8 text when they are valid UTF-8 (readable JSON), else base64. */
export type EncodedBytes = { readonly text: string } | { readonly base64: string };

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

/** Parses leaf bytes back into a record. Throws on malformed input. */
export function decodeTxRecord(bytes: Uint8Array): TxRecord {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const record = JSON.parse(text) as TxRecord;
  if (record === null || typeof record !== 'object' || record.v !== 1) {
    throw new Error('not a version 1 transaction record');
  }
  return record;
}
