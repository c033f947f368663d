/**
 * Planning an erasure: which parts of the stored transactions carry a customer's id, and the
 * redacted form of each value that names them (docs/ledger.md#erasure-of-a-customer).
 */
import {
  decodeLeafRecord,
  encodeBytes,
  type TxContent,
  type TxPayload,
  type TxRecordV2,
} from './tx-record';
import { openRecord } from './tx-open';
import type { TxRow } from './store-rows';
import { ErasureError, type ErasedPartEntry, type ErasureRequest } from './erasure';

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

export function redactBytes(
  bytes: Uint8Array,
  id: string,
  seq: number,
  part: string,
): Buffer | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const redacted = redactJson(text, id, seq, part);
  return redacted === undefined ? undefined : Buffer.from(redacted, 'utf8');
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
