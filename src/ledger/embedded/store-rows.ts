/** Rows as SQLite returns them, and their typed form ({@link BlockRow}, {@link TxRow}). */
import type { TxPayload } from './tx-record';

/** A stored block row. */
export interface BlockRow {
  readonly number: number;
  readonly header: Buffer;
  readonly hash: Buffer;
  readonly signature: Buffer;
  readonly firstSeq: number;
  readonly txCount: number;
}

/** A stored transaction row: the leaf bytes and the payload they bind. */
export interface TxRow extends TxPayload {
  readonly seq: number;
  readonly txId: string;
  readonly block: number;
  readonly valid: boolean;
  readonly record: Buffer;
  /**
   * Key history links: JSON array, for each write of the record in order,
   * the seq of the previous write to that key (`null` for its first);
   * `null` for an invalid transaction.
   */
  readonly prev: string | null;
  /**
   * What a version 2 record commits to, beside it: salts and bodies (see
   * `sealTransaction`); `null` for a version 1 record.
   */
  readonly opening: Buffer | null;
}

/** A `block` row as better-sqlite3 returns it. */
export interface RawBlock {
  number: number;
  header: Buffer;
  hash: Buffer;
  signature: Buffer;
  first_seq: number;
  tx_count: number;
}

/**
 * The columns every read of a transaction selects, in this order, in raw
 * mode (arrays): a named row object per transaction costs better-sqlite3
 * more than reading it, and whole blocks are read at once.
 */
export const TX_COLUMNS = 'seq, tx_id, block, valid, record, args, result, event, prev, opening';

/** The same columns from a schema-2 file opened read-only (it has no `opening`: v1 records only). */
export const TX_COLUMNS_SCHEMA_2 =
  'seq, tx_id, block, valid, record, args, result, event, prev, NULL';

/** A `tx` row's {@link TX_COLUMNS}, as raw statements return them. */
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
  opening: Buffer | null,
];

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

/** A transaction row read in raw mode, typed. */
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
  opening,
]: RawTxColumns): TxRow {
  return {
    seq,
    txId,
    block,
    valid: valid === 1,
    record,
    args,
    result,
    eventPayload,
    prev,
    opening,
  };
}
