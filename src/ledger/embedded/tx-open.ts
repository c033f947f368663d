/**
 * Opening a stored transaction: its record read with the opening stored beside it (the salts and
 * bodies), erased parts told apart, and with `check` every commitment recomputed from what is
 * stored.
 */
import { SALT_SIZE, type PartKind, type RangeRead } from '../verifier';
import type { ElementOpening } from './tx-elements';
import { commitArgs, commitEvent, commitResult, commitStored, partCount } from './tx-commitment';
import {
  decodeBytes,
  decodeLeafRecord,
  WITHHELD_KEY,
  type LeafRecord,
  type TxContent,
  type TxPayload,
  type TxRecordV2,
} from './tx-record';

const NOTHING_ERASED: ReadonlySet<number> = new Set();

/** What a version 2 transaction stores beside its record: its payload and its opening. */
export interface TxOpeningRow extends TxPayload {
  readonly record: Buffer;
  /** The salts and the read, range and write bodies (see tx-seal.ts); `null` for v1. */
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
