/**
 * What the log writer does with a block's erasure records: every listed row erased
 * ({@link eraseRow}), after checking that each record erases one customer's parts and nothing
 * else, and the state rows of the keys it withholds or replaces forgotten or rewritten.
 */
import {
  decodeBytes,
  decodeLeafRecord,
  type TxContent,
  type TxPayload,
  type TxRecordV2,
} from './tx-record';
import { openRecord } from './tx-open';
import type { ErasureWrite } from './store';
import type { TxRow } from './store-rows';
import { ErasureError, partIndex, type ErasedPartEntry, type ErasureRequest } from './erasure';
import { keyNames, redactBytes } from './erasure-plan';
import { eraseRow } from './erasure-row';

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
