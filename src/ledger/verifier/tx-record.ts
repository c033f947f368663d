import { fromBase64, fromUtf8, utf8 } from './bytes';
import { sha256Hex } from './sha256';

/**
 * A transaction as recorded in the log: the proposal, what it read and
 * wrote, what it returned and emitted, and the validation verdict. Its JSON
 * bytes are the RFC 6962 leaf, so an inclusion proof proves all of it,
 * verdict included. The bulky parts (arguments, result, event payload) are
 * kept beside the record and bound to it by their SHA-256: the leaf stays
 * small, and a proof can show the state change without the rest.
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
  /** SHA-256 (hex) of the arguments' JSON array text. */
  readonly argsHash: string;
  /** Who submitted it: MSP id, id within it, certificate attributes. */
  readonly creator: {
    readonly mspId: string;
    readonly id: string;
    readonly attributes?: Readonly<Record<string, string>>;
  };
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
  /** The verdict, a Fabric `TxValidationCode` name (`VALID`, `MVCC_READ_CONFLICT`, …). */
  readonly validation: string;
}

/**
 * A transaction as recorded in the log from record version 2 on: what was called, by whom,
 * when, and the verdict, in the clear; every other part only as a salted commitment (see
 * `commitment.ts`), one per read, range read and write, in the order the transaction made them.
 * The values and salts are kept beside the record; a proof discloses the parts its reader may
 * see, so the leaf alone shows nothing of what the transaction read, wrote, took or returned.
 */
export interface TxRecordV2 {
  readonly v: 2;
  readonly txId: string;
  readonly block: number;
  readonly seq: number;
  readonly contract: string;
  readonly fn: string;
  /** Who submitted it: a service's identity (the API server, the collector), never a person. */
  readonly creator: TxRecord['creator'];
  readonly timestamp: string;
  /** Commitment to the arguments' JSON array text. */
  readonly args: string;
  readonly reads: readonly string[];
  readonly ranges: readonly string[];
  readonly writes: readonly string[];
  /** `null` when the result is empty. */
  readonly result: string | null;
  /** Commitment to the event's name and payload; `null` without an event. */
  readonly event: string | null;
  readonly validation: string;
}

/** A log leaf of either version. */
export type LeafRecord = TxRecord | TxRecordV2;

/** Parses leaf bytes into a record of either version. Throws on malformed input. */
export function decodeLeafRecord(bytes: Uint8Array): LeafRecord {
  const record = JSON.parse(fromUtf8(bytes)) as LeafRecord;
  if (record === null || typeof record !== 'object') throw new Error('not a transaction record');
  if (record.v === 1) return record;
  if (record.v !== 2) throw new Error('not a version 1 or 2 transaction record');
  const digests = (list: unknown): boolean =>
    Array.isArray(list) && list.every((d) => typeof d === 'string');
  const digestOrNull = (d: unknown): boolean => d === null || typeof d === 'string';
  if (
    typeof record.txId !== 'string' ||
    !Number.isSafeInteger(record.seq) ||
    !Number.isSafeInteger(record.block) ||
    typeof record.args !== 'string' ||
    !digests(record.reads) ||
    !digests(record.ranges) ||
    !digests(record.writes) ||
    !digestOrNull(record.result) ||
    !digestOrNull(record.event) ||
    typeof record.validation !== 'string'
  ) {
    throw new Error('not a well-formed version 2 transaction record');
  }
  return record;
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

/** What a record binds by hash. */
export interface TxPayloadBytes {
  /** The arguments as a JSON array of strings. */
  readonly args: string;
  readonly result: Uint8Array | null;
  readonly eventPayload: Uint8Array | null;
}

/** Parses leaf bytes into a record. Throws on malformed input. */
export function decodeTxRecord(bytes: Uint8Array): TxRecord {
  const record = JSON.parse(fromUtf8(bytes)) as TxRecord;
  if (record === null || typeof record !== 'object' || record.v !== 1) {
    throw new Error('not a version 1 transaction record');
  }
  return record;
}

/** The bytes of an {@link EncodedBytes}. Throws when it is neither form, or bad base64. */
export function decodeBytes(encoded: EncodedBytes): Uint8Array {
  if (encoded !== null && typeof encoded === 'object') {
    if ('text' in encoded && typeof encoded.text === 'string') return utf8(encoded.text);
    if ('base64' in encoded) {
      const bytes = fromBase64(encoded.base64);
      if (bytes !== undefined) return bytes;
    }
  }
  throw new Error('not { text } or { base64 } bytes');
}

/** The part of a payload whose hash differs from the record's, if any. */
export function payloadMismatch(
  record: TxRecord,
  payload: TxPayloadBytes,
): 'args' | 'result' | 'event' | undefined {
  if (sha256Hex(utf8(payload.args)) !== record.argsHash) return 'args';
  const resultHash = payload.result === null ? null : sha256Hex(payload.result);
  if (resultHash !== record.resultHash) return 'result';
  const eventHash = payload.eventPayload === null ? null : sha256Hex(payload.eventPayload);
  if (eventHash !== (record.event?.payloadHash ?? null)) return 'event';
  return undefined;
}
