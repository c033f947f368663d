/**
 * Applying an erasure to one stored version 2 row: the listed parts' salts zeroed, their values
 * replaced or dropped, and the opening written again.
 */
import { SALT_SIZE } from '../verifier';
import { decodeBytes, decodeLeafRecord } from './tx-record';
import { openRecord, storedParts } from './tx-open';
import type { TxRow } from './store-rows';
import {
  ErasureError,
  partCommitment,
  partIndex,
  type ErasedPartEntry,
  type WriteReplacement,
} from './erasure';

/** Whether a version 2 part's stored salt is the erased marker (all zero). */
export function isErasedSalt(salts: Uint8Array, part: number): boolean {
  for (let i = part * SALT_SIZE; i < (part + 1) * SALT_SIZE; i++) if (salts[i] !== 0) return false;
  return true;
}

/** The changes an erasure makes to one stored transaction row. */
export interface ErasedRow {
  readonly seq: number;
  readonly args: string;
  readonly result: Buffer | null;
  readonly eventPayload: Buffer | null;
  readonly opening: Buffer;
  /** Keys whose writes this row withholds, and the replaced writes: for the state. */
  readonly withheldKeys: readonly string[];
  readonly replacedWrites: ReadonlyArray<readonly [key: string, value: Buffer | null]>;
}

function writeBodyBytes(replacement: WriteReplacement): Buffer {
  const key = Buffer.from(replacement.key, 'utf8');
  const value = 'delete' in replacement ? null : decodeBytes(replacement.value);
  const fields = value === null ? [key] : [key, value];
  const out = Buffer.alloc(fields.reduce((n, f) => n + 4 + f.length, 0));
  let at = 0;
  for (const field of fields) {
    out.writeUInt32BE(field.length, at);
    field.copy(out, at + 4);
    at += 4 + field.length;
  }
  return out;
}

/**
 * A stored version 2 row with the listed parts erased: their salts zeroed, their values replaced
 * or dropped.
 * @throws {ErasureError} `not-applicable` if a part is not in the record, has another commitment,
 * is already erased, or its replacement does not fit its kind.
 */
export function eraseRow(row: TxRow, entries: readonly ErasedPartEntry[]): ErasedRow {
  const record = decodeLeafRecord(row.record);
  const refuse = (why: string): never => {
    throw new ErasureError('not-applicable', `transaction ${row.seq}: ${why}`, [row.seq]);
  };
  if (record.v === 1) return refuse('is a version 1 record');
  const parts = storedParts(record, row.opening);
  const content = openRecord(record, row);
  const salts = Buffer.from(parts.salts);
  const bodies = new Map<number, Buffer>();
  let { args, result, eventPayload } = row;
  const withheldKeys: string[] = [];
  const replacedWrites: Array<[string, Buffer | null]> = [];
  const firstWrite = 1 + record.reads.length + record.ranges.length;
  for (const entry of entries) {
    const index = partIndex(record, entry.part);
    if (index < 0) refuse(`has no part ${entry.part}`);
    if (partCommitment(record, entry.part) !== entry.commitment) {
      refuse(`${entry.part} has another commitment`);
    }
    if (isErasedSalt(salts, index)) refuse(`${entry.part} is already erased`);
    salts.fill(0, index * SALT_SIZE, (index + 1) * SALT_SIZE);
    const replacement = entry.replacement;
    const kind = entry.part.split('/')[0];
    if (kind === 'args' || kind === 'result' || kind === 'event') {
      if (replacement === undefined || 'key' in replacement) {
        return refuse(`${entry.part} needs a replacement value`);
      }
      if (kind === 'args')
        args = 'text' in replacement ? replacement.text : refuse('args are text');
      else if (kind === 'result') result = decodeBytes(replacement);
      else eventPayload = decodeBytes(replacement);
    } else if (kind === 'writes') {
      const [key, value] = content.writes[index - firstWrite]!;
      if (replacement === undefined) {
        bodies.set(index, Buffer.alloc(0));
        withheldKeys.push(key);
      } else {
        if (!('key' in replacement) || replacement.key !== key) {
          return refuse(`${entry.part} must keep its key`);
        }
        if ('delete' in replacement !== (value === null)) {
          refuse(`${entry.part} must stay a deletion or a value`);
        }
        bodies.set(index, writeBodyBytes(replacement));
        replacedWrites.push([key, 'delete' in replacement ? null : decodeBytes(replacement.value)]);
      }
    } else {
      if (replacement !== undefined) refuse(`${entry.part} cannot have a replacement`);
      bodies.set(index, Buffer.alloc(0));
    }
  }
  // The opening again: the salts, then every body (erased ones replaced), then the event's name.
  const spans = [...parts.reads, ...parts.ranges, ...parts.writes];
  const chunks: Buffer[] = [salts];
  for (let i = 0; i < spans.length; i += 2) {
    const body = bodies.get(1 + i / 2) ?? parts.opening.subarray(spans[i]!, spans[i + 1]!);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    chunks.push(length, body);
  }
  if (parts.eventName !== null) {
    const name = Buffer.from(parts.eventName, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(name.length);
    chunks.push(length, name);
  }
  if (parts.elements !== null) {
    // Elements are a ticket's lines, which never name a customer: kept as they were.
    const count = Buffer.alloc(4);
    count.writeUInt32BE(parts.elements.salts.length / SALT_SIZE);
    chunks.push(count, Buffer.from(parts.elements.salts), Buffer.from(parts.elements.seed));
  }
  return {
    seq: row.seq,
    args,
    result,
    eventPayload,
    opening: Buffer.concat(chunks),
    withheldKeys,
    replacedWrites,
  };
}
