import type { Identity } from '../gateway/identity';
import type { ValidationCode } from '../gateway/validation-code';
import {
  readEvent,
  readRanges,
  readReads,
  readWrites,
  writeEvent,
  writeRanges,
  writeReads,
  writeWrites,
} from './rwset-wire';
import type { ValidatedBlock, ValidatedTransaction } from './validated-block';
import { ByteReader, ByteWriter } from './wire-bytes';

/**
 * The wire form of a validated block from the committer to the log
 * writer's thread: one transferred byte array. Structured cloning the block
 * (a dozen objects and arrays per transaction) cost the two threads about
 * as much as encoding and signing it.
 *
 * Layout (wire-bytes, rwset-wire): number, timestamp, first seq, count; per
 * transaction its id, contract, function, arguments, creator (JSON),
 * timestamp, reads, ranges, writes, result (or none), event, verdict.
 */
export function encodeValidatedBlock(block: ValidatedBlock): Uint8Array {
  const out = new ByteWriter();
  out.f64(block.number);
  out.string(block.timestamp);
  out.f64(block.firstSeq);
  out.u32(block.transactions.length);
  for (const tx of block.transactions) {
    out.string(tx.txId);
    out.string(tx.contract);
    out.string(tx.fn);
    out.u32(tx.args.length);
    for (const arg of tx.args) out.string(arg);
    out.string(JSON.stringify(tx.creator));
    out.string(tx.timestamp);
    writeReads(out, tx.reads, tx.reads.length);
    writeRanges(out, tx.ranges);
    writeWrites(out, tx.writes, tx.writes.length);
    out.bytesOrNull(tx.result);
    writeEvent(out, tx.event);
    out.string(tx.validation);
  }
  return out.finish();
}

/** Decodes {@link encodeValidatedBlock}'s bytes; byte values are views into `bytes`. */
export function decodeValidatedBlock(bytes: Uint8Array): ValidatedBlock {
  const input = new ByteReader(bytes, 'validated block');
  const number = input.f64();
  const timestamp = input.string();
  const firstSeq = input.f64();
  const transactions: ValidatedTransaction[] = [];
  for (let n = input.u32(); n > 0; n--) {
    const txId = input.string();
    const contract = input.string();
    const fn = input.string();
    const args: string[] = [];
    for (let a = input.u32(); a > 0; a--) args.push(input.string());
    transactions.push({
      txId,
      contract,
      fn,
      args,
      creator: JSON.parse(input.string()) as Identity,
      timestamp: input.string(),
      reads: readReads(input),
      ranges: readRanges(input),
      writes: readWrites(input),
      result: input.bytesOrNull(),
      event: readEvent(input),
      validation: input.string() as ValidationCode,
    });
  }
  input.end();
  return { number, timestamp, firstSeq, transactions };
}
