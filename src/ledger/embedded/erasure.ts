/**
 * Erasure of a customer (docs/ledger.md#erasure-of-a-customer): which parts of a version 2
 * transaction carry a customer's id, their redacted replacements, the erasure record that lists
 * them, and the stored row once they are erased. The commitments stay in the leaf; what goes is
 * each part's salt (replaced by zeros, the erased marker) and its value (replaced by its redacted
 * form, or by nothing).
 *
 * This file holds the erasure record: its form, how it is parsed, and how it names parts.
 * Planning one is in erasure-plan.ts, erasing a stored row in erasure-row.ts, and what the log
 * writer does with a block's records in erasure-write.ts.
 */
import {
  decodeBytes,
  encodeBytes,
  type EncodedBytes,
  type TxContent,
  type TxPayload,
  type TxRecordV2,
  WITHHELD_KEY,
} from './tx-record';

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
