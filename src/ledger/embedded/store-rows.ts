/** Rows as SQLite returns them, and their typed form ({@link BlockRow}, {@link TxRow}). */
import type { BlockRow, TxRow } from './store';

/** A `block` row as better-sqlite3 returns it. */
export interface RawBlock {
  number: number;
  header: Buffer;
  hash: Buffer;
  signature: Buffer;
  first_seq: number;
  tx_count: number;
}

/** A `tx` row's columns in table order, as raw statements return them. */
export type RawTxColumns = [
  seq: number,
  txId: string,
  block: number,
  valid: number,
  record: Buffer,
  args: string,
  result: Buffer | null,
  event: Buffer | null,
  prev: string | null,
];

/** A `tx` row as better-sqlite3 returns it. */
export interface RawTx {
  seq: number;
  tx_id: string;
  block: number;
  valid: number;
  record: Buffer;
  args: string;
  result: Buffer | null;
  event: Buffer | null;
  prev: string | null;
}

/** A stored block row, typed. */
export function toBlockRow(raw: RawBlock): BlockRow {
  return {
    number: raw.number,
    header: raw.header,
    hash: raw.hash,
    signature: raw.signature,
    firstSeq: raw.first_seq,
    txCount: raw.tx_count,
  };
}

/** A stored transaction row, typed. */
export function toTxRow(raw: RawTx): TxRow {
  return {
    seq: raw.seq,
    txId: raw.tx_id,
    block: raw.block,
    valid: raw.valid === 1,
    record: raw.record,
    args: raw.args,
    result: raw.result,
    eventPayload: raw.event,
    prev: raw.prev,
  };
}

/** A transaction row read in raw mode (columns in table order), typed. */
export function txRowOfColumns([
  seq,
  txId,
  block,
  valid,
  record,
  args,
  result,
  eventPayload,
  prev,
]: RawTxColumns): TxRow {
  return { seq, txId, block, valid: valid === 1, record, args, result, eventPayload, prev };
}
