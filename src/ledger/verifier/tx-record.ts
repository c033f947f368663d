import { fromBase64, fromUtf8, utf8 } from './bytes';
import { partsDigest, type ElementSource } from './elements';
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

/** What every record from version 2 on, and every version 3 leaf, shows in the clear. */
export interface TxIdentity {
  readonly txId: string;
  readonly block: number;
  /** Index of this transaction in the global log. */
  readonly seq: number;
  readonly contract: string;
  readonly fn: string;
  /** Who submitted it: a service's identity (the API server, the collector), never a person. */
  readonly creator: TxRecord['creator'];
  readonly timestamp: string;
  /** The verdict, a Fabric `TxValidationCode` name. */
  readonly validation: string;
}

/**
 * A transaction as recorded from record version 2 on: what was called, by whom, when, and the
 * verdict, in the clear; every other part only as a salted commitment (see `commitment.ts`), one
 * per read, range read and write, in the order the transaction made them. The values and salts
 * are kept beside the record; a proof discloses the parts its reader may see, so the record
 * alone shows nothing of what the transaction read, wrote, took or returned.
 *
 * Version 2 records are their own log leaf. A version 3 record's leaf is {@link TxLeafV3}: the
 * commitments folded into one digest, and the digests of the elements `elements` names (see
 * `elements.ts`), so that one element can be proven to a reader who sees nothing else.
 */
export interface TxRecordV2 extends TxIdentity {
  readonly v: 2 | 3;
  /** Commitment to the arguments' JSON array text. */
  readonly args: string;
  readonly reads: readonly string[];
  readonly ranges: readonly string[];
  readonly writes: readonly string[];
  /** `null` when the result is empty. */
  readonly result: string | null;
  /** Commitment to the event's name and payload; `null` without an event. */
  readonly event: string | null;
  /** Version 3: where the elements committed one by one are; `null` when there are none. */
  readonly elements?: ElementSource | null;
}

/** A stored record of any version. */
export type LeafRecord = TxRecord | TxRecordV2;

/**
 * The log leaf of a version 3 record: its identity and verdict in the clear, the record's bytes
 * folded into `parts` ({@link partsDigest}), and the sorted digests of its elements and decoys.
 */
export interface TxLeafV3 extends TxIdentity {
  readonly v: 3;
  readonly parts: string;
  readonly elements: readonly string[] | null;
}

/**
 * The leaf bytes of a version 3 record: JSON, fields in this fixed order.
 * @param parts - {@link partsDigest} of the record (the node computes it with its own SHA-256).
 * @param elements - the leaf's element digests, or `null` for a record without elements.
 */
export function encodeLeafV3(
  record: TxRecordV2,
  parts: string,
  elements: readonly string[] | null,
): string {
  return JSON.stringify({
    v: 3,
    txId: record.txId,
    block: record.block,
    seq: record.seq,
    contract: record.contract,
    fn: record.fn,
    creator: record.creator,
    timestamp: record.timestamp,
    parts,
    elements,
    validation: record.validation,
  });
}

/** The leaf bytes of any stored record: a version 3 record's computed, the others' as stored. */
export function leafOf(
  record: LeafRecord,
  stored: Uint8Array,
  elements: readonly string[] | null,
): Uint8Array {
  if (record.v !== 3) return stored;
  return utf8(encodeLeafV3(record, partsDigest(stored), elements));
}

/** Parses version 3 leaf bytes. Throws on malformed input. */
export function decodeLeafV3(bytes: Uint8Array): TxLeafV3 {
  const leaf = JSON.parse(fromUtf8(bytes)) as TxLeafV3;
  if (
    leaf === null ||
    typeof leaf !== 'object' ||
    leaf.v !== 3 ||
    typeof leaf.txId !== 'string' ||
    !Number.isSafeInteger(leaf.seq) ||
    !Number.isSafeInteger(leaf.block) ||
    typeof leaf.parts !== 'string' ||
    !(leaf.elements === null || digestList(leaf.elements)) ||
    typeof leaf.validation !== 'string'
  ) {
    throw new Error('not a well-formed version 3 leaf');
  }
  return leaf;
}

function digestList(list: unknown): boolean {
  return Array.isArray(list) && list.every((d) => typeof d === 'string');
}

/** Parses leaf bytes into a record of either version. Throws on malformed input. */
export function decodeLeafRecord(bytes: Uint8Array): LeafRecord {
  const record = JSON.parse(fromUtf8(bytes)) as LeafRecord;
  if (record === null || typeof record !== 'object') throw new Error('not a transaction record');
  if (record.v === 1) return record;
  if (record.v !== 2 && record.v !== 3) throw new Error('not a version 1, 2 or 3 record');
  const digests = digestList;
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
    typeof record.validation !== 'string' ||
    (record.v === 3 && !elementSource(record.elements))
  ) {
    throw new Error(`not a well-formed version ${record.v} transaction record`);
  }
  return record;
}

function elementSource(source: unknown): boolean {
  if (source === null) return true;
  if (source === undefined || typeof source !== 'object') return false;
  const { arg, property } = source as Partial<ElementSource>;
  return Number.isSafeInteger(arg) && (arg as number) >= 0 && typeof property === 'string';
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
