import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import type { Identity } from '../gateway/identity';
import type { ValidationCode } from '../gateway/validation-code';
import {
  COMMITMENT_PREFIX,
  PART_KINDS,
  SALT_SIZE,
  type EncodedBytes,
  type PartKind,
  type RangeRead,
  type TxRecord as VerifierTxRecord,
  type ElementSource,
  type TxRecordV2 as VerifierTxRecordV2,
} from '../verifier';
import { leafDigests, leafV3, type ElementOpening } from './tx-elements';

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
      v: record.v,
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

const NOTHING_ERASED: ReadonlySet<number> = new Set();

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

/** A sealed record, what is stored beside it, and its log leaf (the record itself before v3). */
export interface SealedTx {
  readonly record: Buffer;
  readonly opening: Buffer;
  readonly leaf: Buffer;
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

/*
 * The log writer seals every transaction and `eter verify` checks every part, so this side
 * encodes and decodes with Buffer methods and one scratch buffer per thread, rather than the
 * verifier's portable functions (commitment.ts), which the tests hold it to, byte for byte.
 */

/** A growable buffer that writes the fields of bodies: u32 big-endian lengths and bytes. */
class FieldWriter {
  buffer = Buffer.allocUnsafe(16 * 1024);
  at = 0;

  reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  text(value: string): void {
    // UTF-8 never takes more than 3 bytes per UTF-16 code unit.
    this.reserve(4 + value.length * 3);
    const length = this.buffer.write(value, this.at + 4, 'utf8');
    this.buffer.writeUInt32BE(length, this.at);
    this.at += 4 + length;
  }

  bytes(value: Uint8Array): void {
    this.reserve(4 + value.length);
    this.buffer.writeUInt32BE(value.length, this.at);
    this.buffer.set(value, this.at + 4);
    this.at += 4 + value.length;
  }

  /** Starts a length-prefixed body; {@link endBody} writes its length. */
  startBody(): number {
    this.reserve(4);
    this.at += 4;
    return this.at;
  }

  endBody(start: number): void {
    this.buffer.writeUInt32BE(this.at - start, start - 4);
  }
}

/** Scratch space for commitment inputs, kept by the thread (hashing is synchronous). */
const input = new FieldWriter();

/** Starts a commitment's input: 0x02, the salt, the kind byte; the body follows. */
function startCommitment(kind: PartKind, salts: Uint8Array, part: number): void {
  input.at = 0;
  input.reserve(2 + SALT_SIZE);
  input.buffer[0] = COMMITMENT_PREFIX;
  input.buffer.set(salts.subarray(part * SALT_SIZE, (part + 1) * SALT_SIZE), 1);
  input.buffer[1 + SALT_SIZE] = PART_KINDS[kind];
  input.at = 2 + SALT_SIZE;
}

function finishCommitment(): string {
  return hash('sha256', input.buffer.subarray(0, input.at), 'base64url');
}

/** The commitment of part `part` whose body lies in `body` from `start` to `end`. */
function commitStored(
  kind: PartKind,
  salts: Uint8Array,
  part: number,
  body: Buffer,
  start: number,
  end: number,
): string {
  startCommitment(kind, salts, part);
  input.reserve(end - start);
  body.copy(input.buffer, input.at, start, end);
  input.at += end - start;
  return finishCommitment();
}

function commitArgs(salts: Uint8Array, args: string): string {
  startCommitment('args', salts, 0);
  input.text(args);
  return finishCommitment();
}

function commitResult(salts: Uint8Array, part: number, result: Uint8Array): string {
  startCommitment('result', salts, part);
  input.bytes(result);
  return finishCommitment();
}

function commitEvent(salts: Uint8Array, part: number, name: string, payload: Uint8Array): string {
  startCommitment('event', salts, part);
  input.text(name);
  input.bytes(payload);
  return finishCommitment();
}

/** Bodies of a transaction's opening, written once per block on the log writer's thread. */
const openingBodies = new FieldWriter();

/**
 * Commits to every part of a transaction with the salts given (16 bytes each, in record order:
 * arguments, reads, ranges, writes, result, event) and returns the version 2 leaf and the
 * opening: the salts, then, each as a u32 big-endian length and the bytes, the body of every
 * read, range and write and the event's name (the arguments, result and event payload have
 * columns of their own).
 */
export function sealTransaction(
  tx: Omit<TxContent, 'v' | 'writes' | 'eventName' | 'erased'> & {
    readonly writes: ReadonlyArray<readonly [key: string, value: Uint8Array | null]>;
    readonly event: { readonly name: string } | null;
  },
  payload: TxPayload,
  salts: Uint8Array,
  /** Version 3: the elements, or `null` for a transaction without; absent for version 2. */
  elements?: SealedElements | null,
): SealedTx {
  const count = partCount(
    tx.reads.length,
    tx.ranges.length,
    tx.writes.length,
    payload.result !== null,
    tx.event !== null,
  );
  if (salts.length !== count * SALT_SIZE) {
    throw new Error(`${salts.length / SALT_SIZE} salts for ${count} parts`);
  }
  const w = openingBodies;
  w.at = 0;
  let part = 1;
  const commit = (kind: PartKind, start: number): string => {
    w.endBody(start);
    return commitStored(kind, salts, part++, w.buffer, start, w.at);
  };
  const reads = tx.reads.map(([key, version]) => {
    const start = w.startBody();
    w.text(key);
    w.text(version === null ? '' : String(version));
    return commit('read', start);
  });
  const ranges = tx.ranges.map((range) => {
    const start = w.startBody();
    w.text(range.start);
    w.text(range.end);
    for (const [key, version] of range.keys) {
      w.text(key);
      w.text(String(version));
    }
    return commit('range', start);
  });
  const writes = tx.writes.map(([key, value]) => {
    const start = w.startBody();
    w.text(key);
    if (value !== null) w.bytes(value);
    return commit('write', start);
  });
  const result = payload.result === null ? null : commitResult(salts, part++, payload.result);
  let event: string | null = null;
  if (tx.event !== null) {
    event = commitEvent(salts, part, tx.event.name, payload.eventPayload ?? new Uint8Array(0));
    w.text(tx.event.name);
  }
  const record: TxRecordV2 = {
    v: elements === undefined ? 2 : 3,
    txId: tx.txId,
    block: tx.block,
    seq: tx.seq,
    contract: tx.contract,
    fn: tx.fn,
    creator: tx.creator,
    timestamp: tx.timestamp,
    args: commitArgs(salts, payload.args),
    reads,
    ranges,
    writes,
    result,
    event,
    ...(elements === undefined ? {} : { elements: elements && elements.source }),
    validation: tx.validation,
  };
  // Version 3 with elements: their count, a salt each and the decoys' seed end the opening.
  const elementBytes =
    elements === undefined || elements === null ? 0 : 4 + elements.opening.salts.length + SALT_SIZE;
  const opening = Buffer.allocUnsafe(salts.length + w.at + elementBytes);
  opening.set(salts, 0);
  w.buffer.copy(opening, salts.length, 0, w.at);
  const bytes = encodeTxRecordV2(record);
  if (elements === undefined) return { record: bytes, opening, leaf: bytes };
  if (elements === null) return { record: bytes, opening, leaf: leafV3(record, bytes, null) };
  let at = salts.length + w.at;
  opening.writeUInt32BE(elements.json.length, at);
  opening.set(elements.opening.salts, (at += 4));
  opening.set(elements.opening.seed, at + elements.opening.salts.length);
  return {
    record: bytes,
    opening,
    leaf: leafV3(record, bytes, leafDigests(elements.opening, elements.json)),
  };
}

/** A version 3 transaction's elements as sealed: where they are, their JSON, salts and seed. */
export interface SealedElements {
  readonly source: ElementSource;
  /** Each element's canonical JSON (tx-elements.ts `readElements`). */
  readonly json: readonly string[];
  readonly opening: ElementOpening;
}

/**
 * A version 2 transaction's parts as stored: the salts, and where each body lies in the
 * opening (`[start, end)` pairs, flat).
 */
export interface StoredParts {
  readonly opening: Buffer;
  readonly salts: Buffer;
  readonly reads: readonly number[];
  readonly ranges: readonly number[];
  readonly writes: readonly number[];
  readonly eventName: string | null;
  /** Version 3 with elements: their salts and the decoys' seed. */
  readonly elements: ElementOpening | null;
}

/**
 * Splits a version 2 or 3 transaction's opening into salts and bodies.
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
  let at = saltBytes;
  const bodies = (n: number): number[] => {
    const spans: number[] = [];
    for (let i = 0; i < n; i++) {
      if (at + 4 > opening.length) return bad('is truncated');
      const end = at + 4 + opening.readUInt32BE(at);
      if (end > opening.length) return bad('is truncated');
      spans.push(at + 4, end);
      at = end;
    }
    return spans;
  };
  const reads = bodies(record.reads.length);
  const ranges = bodies(record.ranges.length);
  const writes = bodies(record.writes.length);
  const name = bodies(record.event === null ? 0 : 1);
  let elements: ElementOpening | null = null;
  if (record.v === 3 && record.elements !== null && record.elements !== undefined) {
    if (at + 4 > opening.length) return bad('is truncated');
    const saltsEnd = at + 4 + opening.readUInt32BE(at) * SALT_SIZE;
    if (saltsEnd + SALT_SIZE > opening.length) return bad('is truncated');
    elements = {
      salts: opening.subarray(at + 4, saltsEnd),
      seed: opening.subarray(saltsEnd, saltsEnd + SALT_SIZE),
    };
    at = saltsEnd + SALT_SIZE;
  }
  if (at !== opening.length) return bad('has bytes after its bodies');
  return {
    opening,
    salts: opening.subarray(0, saltBytes),
    reads,
    ranges,
    writes,
    eventName: name.length === 0 ? null : opening.toString('utf8', name[0], name[1]),
    elements,
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
      erased: NOTHING_ERASED,
    };
  }
  const parts = storedParts(record, row.opening);
  const erased = erasedParts(parts.salts);
  if (check) checkParts(record, parts, row, erased);
  const o = parts.opening;
  const firstRange = 1 + record.reads.length;
  const firstWrite = firstRange + record.ranges.length;
  const reads: Array<[string, number | null]> = [];
  const ranges: RangeRead[] = [];
  const writes: Array<[string, Buffer | null]> = [];
  for (let i = 0; i < parts.reads.length; i += 2) {
    if (erased.has(1 + i / 2)) {
      reads.push([WITHHELD_KEY, null]);
      continue;
    }
    const fields = fieldsIn(o, parts.reads[i]!, parts.reads[i + 1]!, `reads/${i / 2}`);
    if (fields.length !== 4) throw unreadable(`reads/${i / 2}`);
    const key = o.toString('utf8', fields[0], fields[1]);
    reads.push([
      key,
      fields[2] === fields[3] ? null : decimalIn(o, fields[2]!, fields[3]!, `reads/${i / 2}`),
    ]);
  }
  for (let i = 0; i < parts.ranges.length; i += 2) {
    const what = `ranges/${i / 2}`;
    if (erased.has(firstRange + i / 2)) {
      ranges.push({ start: WITHHELD_KEY, end: WITHHELD_KEY, keys: [] });
      continue;
    }
    const fields = fieldsIn(o, parts.ranges[i]!, parts.ranges[i + 1]!, what);
    if (fields.length < 4 || fields.length % 4 !== 0) throw unreadable(what);
    const keys: Array<[string, number]> = [];
    for (let f = 4; f < fields.length; f += 4) {
      keys.push([
        o.toString('utf8', fields[f], fields[f + 1]),
        decimalIn(o, fields[f + 2]!, fields[f + 3]!, what),
      ]);
    }
    ranges.push({
      start: o.toString('utf8', fields[0], fields[1]),
      end: o.toString('utf8', fields[2], fields[3]),
      keys,
    });
  }
  for (let i = 0; i < parts.writes.length; i += 2) {
    const what = `writes/${i / 2}`;
    if (erased.has(firstWrite + i / 2) && parts.writes[i] === parts.writes[i + 1]) {
      writes.push([WITHHELD_KEY, null]);
      continue;
    }
    const fields = fieldsIn(o, parts.writes[i]!, parts.writes[i + 1]!, what);
    if (fields.length !== 2 && fields.length !== 4) throw unreadable(what);
    const key = o.toString('utf8', fields[0], fields[1]);
    writes.push([key, fields.length === 2 ? null : o.subarray(fields[2], fields[3])]);
  }
  return {
    v: record.v,
    txId: record.txId,
    block: record.block,
    seq: record.seq,
    contract: record.contract,
    fn: record.fn,
    creator: record.creator,
    timestamp: record.timestamp,
    reads,
    ranges,
    writes,
    eventName: parts.eventName,
    validation: record.validation,
    erased,
  };
}

/** The parts whose salt is the erased marker: 16 zero bytes. */
function erasedParts(salts: Buffer): ReadonlySet<number> {
  let erased: Set<number> | undefined;
  for (let part = 0; part * SALT_SIZE < salts.length; part++) {
    let zero = true;
    for (let i = part * SALT_SIZE; i < (part + 1) * SALT_SIZE; i++) {
      if (salts[i] !== 0) {
        zero = false;
        break;
      }
    }
    if (zero) (erased ??= new Set()).add(part);
  }
  return erased ?? NOTHING_ERASED;
}

function unreadable(part: string): TxOpeningError {
  return new TxOpeningError(part, `the stored ${part} is not a well-formed body`);
}

/** Where each field of the body from `start` to `end` lies: `[start, end)` pairs, flat. */
function fieldsIn(buffer: Buffer, start: number, end: number, part: string): number[] {
  const spans: number[] = [];
  for (let at = start; at < end;) {
    if (at + 4 > end) throw unreadable(part);
    const fieldEnd = at + 4 + buffer.readUInt32BE(at);
    if (fieldEnd > end) throw unreadable(part);
    spans.push(at + 4, fieldEnd);
    at = fieldEnd;
  }
  return spans;
}

/** A version in canonical decimal (as `String(n)` writes it) between `start` and `end`. */
function decimalIn(buffer: Buffer, start: number, end: number, part: string): number {
  const digits = end - start;
  if (digits < 1 || digits > 16 || (digits > 1 && buffer[start] === 0x30)) throw unreadable(part);
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = buffer[i]! - 0x30;
    if (d < 0 || d > 9) throw unreadable(part);
    n = n * 10 + d;
  }
  if (!Number.isSafeInteger(n)) throw unreadable(part);
  return n;
}

/** Recomputes every commitment of a version 2 record from the stored parts and payload. */
function checkParts(
  record: TxRecordV2,
  parts: StoredParts,
  payload: TxPayload,
  erased: ReadonlySet<number>,
): void {
  const { salts, opening } = parts;
  const mismatch = (part: string) =>
    new TxOpeningError(part, `the stored ${part} does not open its commitment`);
  if (!erased.has(0) && commitArgs(salts, payload.args) !== record.args) throw mismatch('args');
  let part = 1;
  const each = (
    kind: PartKind,
    name: string,
    spans: readonly number[],
    expected: readonly string[],
  ) => {
    for (let i = 0; i < spans.length; i += 2) {
      if (erased.has(part)) {
        part++;
        continue;
      }
      if (
        commitStored(kind, salts, part++, opening, spans[i]!, spans[i + 1]!) !== expected[i / 2]
      ) {
        throw mismatch(`${name}/${i / 2}`);
      }
    }
  };
  each('read', 'reads', parts.reads, record.reads);
  each('range', 'ranges', parts.ranges, record.ranges);
  each('write', 'writes', parts.writes, record.writes);
  if ((payload.result === null) !== (record.result === null)) {
    throw new TxOpeningError('result', 'the stored result does not match the record');
  }
  if (payload.result !== null) {
    const at = part++;
    if (!erased.has(at) && commitResult(salts, at, payload.result) !== record.result) {
      throw mismatch('result');
    }
  }
  if ((payload.eventPayload === null) !== (record.event === null)) {
    throw new TxOpeningError('event', 'the stored event does not match the record');
  }
  if (
    parts.eventName !== null &&
    payload.eventPayload !== null &&
    !erased.has(part) &&
    commitEvent(salts, part, parts.eventName, payload.eventPayload) !== record.event
  ) {
    throw mismatch('event');
  }
}
