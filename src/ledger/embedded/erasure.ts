/**
 * Erasure of a customer (docs/ledger.md#erasure-of-a-customer): which parts of a version 2
 * transaction carry a customer's id, their redacted replacements, the erasure record that lists
 * them, and the stored row once they are erased. The commitments stay in the leaf; what goes is
 * each part's salt (replaced by zeros, the erased marker) and its value (replaced by its redacted
 * form, or by nothing).
 */
import { SALT_SIZE } from '../verifier';
import {
  decodeBytes,
  decodeLeafRecord,
  encodeBytes,
  type EncodedBytes,
  type TxContent,
  type TxPayload,
  type TxRecordV2,
  WITHHELD_KEY,
} from './tx-record';
import { openRecord, storedParts } from './tx-open';
import type { ErasureWrite } from './store';
import type { TxRow } from './store-rows';

/** The contract and function whose arguments are an erasure record. */
export const ERASURE_CONTRACT = 'participants';
export const ERASURE_FN = 'EraseCustomer';

/** What a replaced write keeps: its key and its redacted value (or that it deleted). */
export type WriteReplacement =
  | { readonly key: string; readonly value: EncodedBytes }
  | { readonly key: string; readonly delete: true };

/** One erased part, as an erasure record lists it. */
export interface ErasedPartEntry {
  readonly seq: number;
  /** `args`, `reads/i`, `ranges/i`, `writes/i`, `result` or `event`. */
  readonly part: string;
  /** The part's commitment, as in the leaf. */
  readonly commitment: string;
  /** The redacted value kept in its place; absent when the part is withheld. */
  readonly replacement?: EncodedBytes | WriteReplacement;
}

/** The arguments of `participants:EraseCustomer`: which commitments were erased, and why. */
export interface ErasureRequest {
  readonly erasureId: string;
  /** A reason code, `^[a-z0-9-]{1,40}$`. */
  readonly reason: string;
  /** The operator's own case reference; never the customer's id. */
  readonly reference?: string;
  readonly parts: readonly ErasedPartEntry[];
}

/** Why an erasure cannot be planned or applied. */
export type ErasureErrorCode =
  'v1-record' | 'unredactable' | 'names-customer' | 'not-applicable' | 'nothing-to-erase';

/** An erasure refused, with the transactions (log indexes) concerned. */
export class ErasureError extends Error {
  constructor(
    readonly code: ErasureErrorCode,
    message: string,
    readonly seqs: readonly number[] = [],
  ) {
    super(message);
    this.name = 'ErasureError';
  }
}

/** Whether a composite key (`\0type\0attr\0…\0`) has `id` as one of its attributes. */
export function keyNames(key: string, id: string): boolean {
  if (!key.startsWith('\u0000')) return false;
  const fields = key.split('\u0000');
  for (let i = 2; i < fields.length - 1; i++) if (fields[i] === id) return true;
  return false;
}

/** Whether a string names `id`: is it, holds it as a key attribute, or is JSON that names it. */
function stringNames(value: string, id: string): boolean {
  if (value === id || value.includes(`\u0000${id}\u0000`)) return true;
  const nested = nestedJson(value);
  return nested !== undefined && valueNames(nested, id);
}

function valueNames(value: unknown, id: string): boolean {
  if (typeof value === 'string') return stringNames(value, id);
  if (Array.isArray(value)) return value.some((v) => valueNames(v, id));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => k === id || valueNames(v, id));
  }
  return false;
}

/** A string that is itself a JSON object or array (a request inside the arguments), parsed. */
function nestedJson(value: string): unknown {
  const first = value.charCodeAt(0);
  if (first !== 0x7b && first !== 0x5b) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function redactValue(value: unknown, id: string): unknown {
  if (typeof value === 'string') {
    const nested = nestedJson(value);
    return nested !== undefined && valueNames(nested, id)
      ? JSON.stringify(redactValue(nested, id))
      : value;
  }
  if (Array.isArray(value)) return value.map((v) => (v === id ? null : redactValue(v, id)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k !== id && v !== id) out[k] = redactValue(v, id);
    }
    return out;
  }
  return value;
}

/**
 * The redacted form of JSON text that names `id`, or `undefined` when it does not name it:
 * every member whose value (or name) is `id` removed, every array element equal to it `null`,
 * JSON held in strings redacted in turn.
 * @throws {ErasureError} `unredactable` when the text is not JSON, or still names `id` after.
 */
export function redactJson(
  text: string,
  id: string,
  seq: number,
  part: string,
): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    if (stringNames(text, id)) {
      throw new ErasureError('unredactable', `${part} of transaction ${seq} is not JSON`, [seq]);
    }
    return undefined;
  }
  if (!valueNames(value, id)) return undefined;
  const redacted = redactValue(value, id);
  if (valueNames(redacted, id)) {
    throw new ErasureError(
      'unredactable',
      `${part} of transaction ${seq} still names the customer once redacted`,
      [seq],
    );
  }
  return JSON.stringify(redacted);
}

function redactBytes(bytes: Uint8Array, id: string, seq: number, part: string): Buffer | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const redacted = redactJson(text, id, seq, part);
  return redacted === undefined ? undefined : Buffer.from(redacted, 'utf8');
}

/** Whether a version 2 part's stored salt is the erased marker (all zero). */
export function isErasedSalt(salts: Uint8Array, part: number): boolean {
  for (let i = part * SALT_SIZE; i < (part + 1) * SALT_SIZE; i++) if (salts[i] !== 0) return false;
  return true;
}

/**
 * The parts of one stored version 2 transaction that carry `id`, each withheld or with its
 * replacement; parts already erased are left out.
 * @throws {ErasureError} `unredactable` (see {@link redactJson}).
 */
export function customerPartsOf(
  record: TxRecordV2,
  content: TxContent,
  payload: TxPayload,
  id: string,
): ErasedPartEntry[] {
  const out: ErasedPartEntry[] = [];
  const seq = record.seq;
  const erased = content.erased;
  const firstRange = 1 + record.reads.length;
  const firstWrite = firstRange + record.ranges.length;
  let next = firstWrite + record.writes.length;
  const resultPart = record.result === null ? -1 : next++;
  const eventPart = record.event === null ? -1 : next;
  if (!erased.has(0)) {
    const args = redactJson(payload.args, id, seq, 'args');
    if (args !== undefined) {
      out.push({ seq, part: 'args', commitment: record.args, replacement: { text: args } });
    }
  }
  content.reads.forEach(([key], i) => {
    if (!erased.has(1 + i) && keyNames(key, id)) {
      out.push({ seq, part: `reads/${i}`, commitment: record.reads[i]! });
    }
  });
  content.ranges.forEach((range, i) => {
    if (erased.has(firstRange + i)) return;
    const names =
      keyNames(range.start, id) ||
      keyNames(range.end, id) ||
      range.keys.some(([key]) => keyNames(key, id));
    if (names) out.push({ seq, part: `ranges/${i}`, commitment: record.ranges[i]! });
  });
  content.writes.forEach(([key, value], i) => {
    if (erased.has(firstWrite + i)) return;
    const part = `writes/${i}`;
    const commitment = record.writes[i]!;
    if (keyNames(key, id)) {
      out.push({ seq, part, commitment });
      return;
    }
    const redacted = value === null ? undefined : redactBytes(value, id, seq, part);
    if (redacted !== undefined) {
      out.push({ seq, part, commitment, replacement: { key, value: encodeBytes(redacted) } });
    }
  });
  if (resultPart >= 0 && payload.result !== null && !erased.has(resultPart)) {
    const result = redactBytes(payload.result, id, seq, 'result');
    if (result !== undefined) {
      out.push({
        seq,
        part: 'result',
        commitment: record.result!,
        replacement: encodeBytes(result),
      });
    }
  }
  if (eventPart >= 0 && payload.eventPayload !== null && !erased.has(eventPart)) {
    const event = redactBytes(payload.eventPayload, id, seq, 'event');
    if (event !== undefined) {
      out.push({ seq, part: 'event', commitment: record.event!, replacement: encodeBytes(event) });
    }
  }
  return out;
}

/** Whether a version 1 transaction names `id` anywhere: its leaf, arguments, result or event. */
function v1Names(row: TxRow, id: string): boolean {
  const texts = [row.record.toString('utf8'), row.args];
  if (row.result !== null) texts.push(row.result.toString('utf8'));
  if (row.eventPayload !== null) texts.push(row.eventPayload.toString('utf8'));
  const quoted = JSON.stringify(id);
  const inKey = JSON.stringify(`\u0000${id}\u0000`).slice(1, -1);
  return texts.some(
    (text) => text.includes(quoted) || text.includes(inKey) || stringNames(text, id),
  );
}

/**
 * The parts of the stored transactions `rows` that carry `id`: an erasure record's list.
 * @throws {ErasureError} `v1-record` naming every version 1 transaction that names `id`;
 * `unredactable` for a value that cannot be redacted; `names-customer` when the erasure itself
 * (its id or reference) would name the customer.
 */
export function planErasure(
  rows: Iterable<TxRow>,
  id: string,
  request: Omit<ErasureRequest, 'parts'>,
): ErasurePlan {
  if (
    stringNames(request.erasureId, id) ||
    request.erasureId.includes(id) ||
    (request.reference !== undefined && request.reference.includes(id)) ||
    request.reason.includes(id)
  ) {
    throw new ErasureError('names-customer', 'the erasure record would name the customer');
  }
  const parts: ErasedPartEntry[] = [];
  const keys = new Set<string>();
  const v1: number[] = [];
  for (const row of rows) {
    const record = decodeLeafRecord(row.record);
    if (record.v === 1) {
      if (v1Names(row, id)) v1.push(row.seq);
      continue;
    }
    const content = openRecord(record, row);
    for (const entry of customerPartsOf(record, content, row, id)) {
      parts.push(entry);
      const write = /^writes\/(\d+)$/.exec(entry.part);
      if (write !== null) keys.add(content.writes[Number(write[1])]![0]);
    }
  }
  if (v1.length > 0) {
    throw new ErasureError(
      'v1-record',
      `version 1 records name the customer in their leaves and cannot be erased: transactions ${v1.join(', ')}`,
      v1,
    );
  }
  return { request: { ...request, parts }, keys: [...keys] };
}

/** An erasure record, and the keys whose state it changes (for caches to forget). */
export interface ErasurePlan {
  readonly request: ErasureRequest;
  readonly keys: readonly string[];
}

/** The place of a named part in a record's salts (record order), or -1 if it has none. */
export function partIndex(record: TxRecordV2, part: string): number {
  const firstRange = 1 + record.reads.length;
  const firstWrite = firstRange + record.ranges.length;
  let next = firstWrite + record.writes.length;
  const resultPart = record.result === null ? -1 : next++;
  const eventPart = record.event === null ? -1 : next;
  if (part === 'args') return 0;
  if (part === 'result') return resultPart;
  if (part === 'event') return eventPart;
  const match = /^(reads|ranges|writes)\/(0|[1-9][0-9]{0,8})$/.exec(part);
  if (match === null) return -1;
  const i = Number(match[2]);
  const [count, first] =
    match[1] === 'reads'
      ? [record.reads.length, 1]
      : match[1] === 'ranges'
        ? [record.ranges.length, firstRange]
        : [record.writes.length, firstWrite];
  return i < count ? first + i : -1;
}

/** The commitment a record holds for a named part, if it has that part. */
export function partCommitment(record: TxRecordV2, part: string): string | undefined {
  if (part === 'args') return record.args;
  if (part === 'result') return record.result ?? undefined;
  if (part === 'event') return record.event ?? undefined;
  const match = /^(reads|ranges|writes)\/(\d+)$/.exec(part);
  if (match === null) return undefined;
  const list = record[match[1] as 'reads' | 'ranges' | 'writes'];
  return list[Number(match[2])];
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

const REASON = /^[a-z0-9-]{1,40}$/;

/**
 * Parses an erasure record from `EraseCustomer`'s arguments (`["<request JSON>"]`).
 * @throws {Error} when it is not a well-formed erasure record.
 */
export function parseErasureArgs(args: string): ErasureRequest {
  const list = JSON.parse(args) as unknown;
  if (!Array.isArray(list) || list.length !== 1 || typeof list[0] !== 'string') {
    throw new Error('EraseCustomer takes one argument');
  }
  return parseErasureRequest(list[0]);
}

/** Parses and checks the form of an erasure request. */
export function parseErasureRequest(json: string): ErasureRequest {
  const request = JSON.parse(json) as Partial<ErasureRequest> | null;
  const bad = (why: string): never => {
    throw new Error(`not an erasure record: ${why}`);
  };
  if (request === null || typeof request !== 'object') return bad('not an object');
  if (typeof request.erasureId !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(request.erasureId)) {
    bad('erasureId');
  }
  if (typeof request.reason !== 'string' || !REASON.test(request.reason)) bad('reason');
  if (
    request.reference !== undefined &&
    (typeof request.reference !== 'string' || request.reference.length > 200)
  ) {
    bad('reference');
  }
  if (!Array.isArray(request.parts) || request.parts.length === 0) bad('parts');
  const seen = new Set<string>();
  for (const entry of request.parts!) {
    if (
      entry === null ||
      typeof entry !== 'object' ||
      !Number.isSafeInteger(entry.seq) ||
      entry.seq < 0 ||
      typeof entry.part !== 'string' ||
      typeof entry.commitment !== 'string'
    ) {
      bad('a part');
    }
    const id = `${entry.seq}:${entry.part}`;
    if (seen.has(id)) bad(`part ${id} listed twice`);
    seen.add(id);
  }
  return request as ErasureRequest;
}

/** A replacement as a comparable string: what verify matches stored parts against. */
export function replacementText(replacement: ErasedPartEntry['replacement']): string | null {
  if (replacement === undefined) return null;
  if ('key' in replacement) {
    return 'delete' in replacement
      ? JSON.stringify([replacement.key])
      : JSON.stringify([replacement.key, decodeBytes(replacement.value).toString('base64')]);
  }
  return decodeBytes(replacement).toString('base64');
}

/** What {@link erasureWrite} reads of the store. */
export interface ErasureSource {
  transactionAt(seq: number): TxRow | undefined;
  keyVersion(key: string): { readonly version: number; readonly deleted: boolean } | undefined;
}

/**
 * What the log writer changes for the erasure records `requests` of one block, on top of the
 * block's own state changes (`blockState`, keys the block writes): the rows (stored before the
 * block) with their parts erased, the withheld keys to forget, the state rows to rewrite.
 * @throws {ErasureError} `not-applicable` when a listed part cannot be erased as listed, or a
 * withheld key's latest write is not one the erasure withholds (a write after the plan).
 */
export function erasureWrite(
  store: ErasureSource,
  requests: readonly ErasureRequest[],
  blockState: ReadonlyMap<string, unknown>,
): ErasureWrite {
  const rows = new Map<number, TxRow>();
  const withheld = new Map<string, Set<number>>();
  const replaced = new Map<string, Map<number, Buffer | null>>();
  for (const request of requests) {
    const bySeq = new Map<number, ErasedPartEntry[]>();
    for (const entry of request.parts) {
      const list = bySeq.get(entry.seq) ?? [];
      list.push(entry);
      bySeq.set(entry.seq, list);
    }
    const stored = new Map<number, TxRow>();
    for (const seq of bySeq.keys()) {
      const row = rows.get(seq) ?? store.transactionAt(seq);
      if (row === undefined) {
        throw new ErasureError('not-applicable', `transaction ${seq} is not stored`, [seq]);
      }
      stored.set(seq, row);
    }
    assertOneCustomer(stored, request.parts);
    for (const [seq, entries] of bySeq) {
      const row = stored.get(seq)!;
      const erased = eraseRow(row, entries);
      rows.set(seq, { ...row, ...erased });
      for (const key of erased.withheldKeys) {
        const seqs = withheld.get(key) ?? new Set<number>();
        seqs.add(seq);
        withheld.set(key, seqs);
      }
      for (const [key, value] of erased.replacedWrites) {
        const values = replaced.get(key) ?? new Map<number, Buffer | null>();
        values.set(seq, value);
        replaced.set(key, values);
      }
    }
  }
  const forget: string[] = [];
  for (const [key, seqs] of withheld) {
    const latest = store.keyVersion(key);
    if (blockState.has(key) || (latest !== undefined && !seqs.has(latest.version))) {
      throw new ErasureError(
        'not-applicable',
        'a key the erasure withholds was written after it was planned: plan it again',
      );
    }
    if (latest !== undefined) forget.push(key);
  }
  const rewrite: Array<[string, Buffer]> = [];
  for (const [key, values] of replaced) {
    const latest = store.keyVersion(key);
    if (blockState.has(key) || latest === undefined || latest.deleted) continue;
    const value = values.get(latest.version);
    if (value !== undefined && value !== null) rewrite.push([key, value]);
  }
  return {
    rows: [...rows.values()].map(({ seq, args, result, eventPayload, opening }) => ({
      seq,
      args,
      result,
      eventPayload,
      opening: opening!,
    })),
    forget,
    rewrite,
  };
}

/** The name of the part at `index` in record order (the inverse of {@link partIndex}). */
export function partName(record: TxRecordV2, index: number): string {
  if (index === 0) return 'args';
  let at = index - 1;
  if (at < record.reads.length) return `reads/${at}`;
  at -= record.reads.length;
  if (at < record.ranges.length) return `ranges/${at}`;
  at -= record.ranges.length;
  if (at < record.writes.length) return `writes/${at}`;
  at -= record.writes.length;
  return at === 0 && record.result !== null ? 'result' : 'event';
}

/**
 * The erased parts of a stored version 2 transaction as `eter verify` matches them with the
 * erasure records: the part, its commitment and its stored replacement ({@link replacementText};
 * `null` when withheld).
 */
export function storedErasures(
  record: TxRecordV2,
  content: TxContent,
  payload: TxPayload,
): Array<[part: string, commitment: string, replacement: string | null]> {
  const out: Array<[string, string, string | null]> = [];
  const firstWrite = 1 + record.reads.length + record.ranges.length;
  for (const index of [...content.erased].sort((a, b) => a - b)) {
    const part = partName(record, index);
    const commitment = partCommitment(record, part) ?? '';
    let replacement: string | null = null;
    if (part === 'args') replacement = replacementText({ text: payload.args });
    else if (part === 'result' && payload.result !== null) {
      replacement = replacementText(encodeBytes(payload.result));
    } else if (part === 'event' && payload.eventPayload !== null) {
      replacement = replacementText(encodeBytes(payload.eventPayload));
    } else if (part.startsWith('writes/')) {
      const [key, value] = content.writes[index - firstWrite]!;
      if (key !== WITHHELD_KEY) {
        replacement = replacementText(
          value === null ? { key, delete: true } : { key, value: encodeBytes(value) },
        );
      }
    }
    out.push([part, commitment, replacement]);
  }
  return out;
}

/** The keys an erased read, range or write holds, as stored (before erasure). */
function partKeys(content: TxContent, record: TxRecordV2, index: number): string[] {
  const firstRange = 1 + record.reads.length;
  const firstWrite = firstRange + record.ranges.length;
  if (index >= 1 && index < firstRange) return [content.reads[index - 1]![0]];
  if (index >= firstRange && index < firstWrite) {
    const range = content.ranges[index - firstRange]!;
    return [range.start, range.end, ...range.keys.map(([key]) => key)];
  }
  if (index >= firstWrite && index < firstWrite + record.writes.length) {
    return [content.writes[index - firstWrite]![0]];
  }
  return [];
}

/** Whether `entry` is exactly what {@link customerPartsOf} gives for customer `id`. */
function partFits(
  record: TxRecordV2,
  content: TxContent,
  payload: TxPayload,
  entry: ErasedPartEntry,
  id: string,
): boolean {
  const replacement = entry.replacement;
  const sameBytes = (original: Uint8Array | null, name: string): boolean => {
    if (original === null || replacement === undefined || 'key' in replacement) return false;
    const redacted = redactBytes(original, id, record.seq, name);
    return redacted !== undefined && redacted.equals(decodeBytes(replacement));
  };
  try {
    if (entry.part === 'args') return sameBytes(Buffer.from(payload.args, 'utf8'), 'args');
    if (entry.part === 'result') return sameBytes(payload.result, 'result');
    if (entry.part === 'event') return sameBytes(payload.eventPayload, 'event');
    const index = partIndex(record, entry.part);
    const keys = partKeys(content, record, index);
    const names = keys.some((key) => keyNames(key, id));
    if (replacement === undefined) return names;
    if (names || !entry.part.startsWith('writes/') || !('key' in replacement)) return false;
    const [key, value] = content.writes[index - 1 - record.reads.length - record.ranges.length]!;
    if (replacement.key !== key || value === null || 'delete' in replacement) return false;
    const redacted = redactBytes(value, id, record.seq, entry.part);
    return redacted !== undefined && redacted.equals(decodeBytes(replacement.value));
  } catch (error) {
    if (error instanceof ErasureError) return false;
    throw error;
  }
}

/**
 * Checks that an erasure record erases one customer's parts and nothing else: some customer id,
 * an attribute of a key it withholds, is named by every part it withholds, and every replacement
 * is exactly that id's redaction of the stored value. So the record cannot rewrite content, nor
 * drop parts that name no one.
 * @throws {ErasureError} `not-applicable` otherwise.
 */
function assertOneCustomer(rows: ReadonlyMap<number, TxRow>, parts: readonly ErasedPartEntry[]) {
  const opened = new Map<number, { record: TxRecordV2; content: TxContent; row: TxRow }>();
  const open = (seq: number) => {
    let found = opened.get(seq);
    if (found === undefined) {
      const row = rows.get(seq)!;
      const record = decodeLeafRecord(row.record);
      if (record.v === 1) {
        throw new ErasureError('not-applicable', `transaction ${seq} is a version 1 record`, [seq]);
      }
      found = { record, content: openRecord(record, row), row };
      opened.set(seq, found);
    }
    return found;
  };
  let candidates: Set<string> | undefined;
  for (const entry of parts) {
    if (entry.replacement !== undefined) continue;
    const { record, content } = open(entry.seq);
    const index = partIndex(record, entry.part);
    if (index < 0) continue;
    candidates = new Set();
    for (const key of partKeys(content, record, index)) {
      const fields = key.split('\u0000');
      for (let i = 2; i < fields.length - 1; i++) candidates.add(fields[i]!);
    }
    break;
  }
  if (candidates === undefined) {
    throw new ErasureError('not-applicable', "an erasure record must withhold a customer's keys");
  }
  for (const entry of parts) {
    const { record, content, row } = open(entry.seq);
    for (const id of candidates) {
      if (!partFits(record, content, row, entry, id)) candidates.delete(id);
    }
    if (candidates.size === 0) {
      throw new ErasureError(
        'not-applicable',
        `${entry.part} of transaction ${entry.seq} is not erased for the same customer as the rest`,
        [entry.seq],
      );
    }
  }
}
