import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import type { Identity } from '../gateway/identity';
import type { ValidationCode } from '../gateway/validation-code';
import type { EncodedBytes, TxRecord as VerifierTxRecord } from '../verifier';

export type { EncodedBytes, RangeRead, WriteEntry } from '../verifier';

/**
 * A transaction as recorded in the log ({@link VerifierTxRecord}, the verifier's definition of
 * its fields), with the gateway's types for who submitted it and the verdict.
 */
export interface TxRecord extends VerifierTxRecord {
  readonly creator: Identity;
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

/** Parses leaf bytes back into a record. Throws on malformed input. */
export function decodeTxRecord(bytes: Uint8Array): TxRecord {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const record = JSON.parse(text) as TxRecord;
  if (record === null || typeof record !== 'object' || record.v !== 1) {
    throw new Error('not a version 1 transaction record');
  }
  return record;
}
