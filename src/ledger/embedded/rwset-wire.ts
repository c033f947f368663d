import type { RangeRead } from './tx-record';
import type { ByteReader, ByteWriter } from './wire-bytes';

/**
 * Read/write sets on the wire between the ledger's threads (see
 * wire-bytes): the parts an endorsement and a validated block share.
 * Versions are f64 (seqs stay exact up to 2^53), -1 for an absent key.
 */

type Pairs<V> = Iterable<readonly [string, V]>;

/** Keys read and the version seen. */
export function writeReads(out: ByteWriter, reads: Pairs<number | null>, count: number): void {
  out.u32(count);
  for (const [key, version] of reads) {
    out.string(key);
    out.f64(version ?? -1);
  }
}

export function readReads(input: ByteReader): Array<[string, number | null]> {
  const reads: Array<[string, number | null]> = [];
  for (let n = input.u32(); n > 0; n--) {
    const key = input.string();
    const version = input.f64();
    reads.push([key, version === -1 ? null : version]);
  }
  return reads;
}

/** Range reads and what they returned. */
export function writeRanges(out: ByteWriter, ranges: readonly RangeRead[]): void {
  out.u32(ranges.length);
  for (const range of ranges) {
    out.string(range.start);
    out.string(range.end);
    out.u32(range.keys.length);
    for (const [key, version] of range.keys) {
      out.string(key);
      out.f64(version);
    }
  }
}

export function readRanges(input: ByteReader): RangeRead[] {
  const ranges: RangeRead[] = [];
  for (let n = input.u32(); n > 0; n--) {
    const start = input.string();
    const end = input.string();
    const keys: Array<readonly [string, number]> = [];
    for (let k = input.u32(); k > 0; k--) keys.push([input.string(), input.f64()]);
    ranges.push({ start, end, keys });
  }
  return ranges;
}

/** Writes in order; `null` deletes. */
export function writeWrites(
  out: ByteWriter,
  writes: Pairs<Uint8Array | null>,
  count: number,
): void {
  out.u32(count);
  for (const [key, value] of writes) {
    out.string(key);
    out.bytesOrNull(value);
  }
}

export function readWrites(input: ByteReader): Array<[string, Buffer | null]> {
  const writes: Array<[string, Buffer | null]> = [];
  for (let n = input.u32(); n > 0; n--) writes.push([input.string(), input.bytesOrNull()]);
  return writes;
}

/** The transaction's event, if any. */
export function writeEvent(
  out: ByteWriter,
  event: { readonly name: string; readonly payload: Uint8Array } | null,
): void {
  out.u32(event === null ? 0 : 1);
  if (event === null) return;
  out.string(event.name);
  out.bytes(event.payload);
}

export function readEvent(input: ByteReader): { name: string; payload: Buffer } | null {
  return input.u32() === 1 ? { name: input.string(), payload: input.bytes() } : null;
}
