/**
 * Sealing a transaction: a salted commitment to every part, the version 2 or 3 record that holds
 * them, and the opening stored beside it.
 */
import { SALT_SIZE, type ElementSource, type PartKind } from '../verifier';
import { leafDigests, leafV3, type ElementOpening } from './tx-elements';
import {
  commitArgs,
  commitEvent,
  commitResult,
  commitStored,
  FieldWriter,
  partCount,
} from './tx-commitment';
import { encodeTxRecordV2, type TxContent, type TxPayload, type TxRecordV2 } from './tx-record';

/** A sealed record, what is stored beside it, and its log leaf (the record itself before v3). */
export interface SealedTx {
  readonly record: Buffer;
  readonly opening: Buffer;
  readonly leaf: Buffer;
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
