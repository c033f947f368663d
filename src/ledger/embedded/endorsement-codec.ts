import type { Simulation } from './chaincode-stub';
import type { RangeRead } from './tx-record';

/**
 * The wire form of an endorsement (a simulation and its result) from an
 * endorsing thread to the committer: one byte array, transferred rather
 * than copied. Structured cloning the same objects (a Map of keys to byte
 * arrays, tuples of reads, the event) cost the endorsing thread and the main
 * thread 25–35 µs a ticket between them; this costs a few.
 *
 * Layout, little-endian: reads (count; key, version), ranges (count; start,
 * end, count; key, version), writes (count; key, length or -1 for a delete,
 * bytes), event (flag; name, length, bytes), result (length, bytes).
 * Strings are a u32 byte length and UTF-8; versions an f64, -1 for absent
 * (seqs stay exact up to 2^53).
 */

/** Encodes an endorsement into an exact-size array with a buffer of its own. */
export function encodeEndorsement(simulation: Simulation, result: Uint8Array): Uint8Array {
  const out = new Writer();
  out.u32(simulation.reads.size);
  for (const [key, version] of simulation.reads) {
    out.string(key);
    out.f64(version ?? -1);
  }
  out.u32(simulation.ranges.length);
  for (const range of simulation.ranges) {
    out.string(range.start);
    out.string(range.end);
    out.u32(range.keys.length);
    for (const [key, version] of range.keys) {
      out.string(key);
      out.f64(version);
    }
  }
  out.u32(simulation.writes.size);
  for (const [key, value] of simulation.writes) {
    out.string(key);
    if (value === null) out.i32(-1);
    else out.bytes(value);
  }
  out.u32(simulation.event === null ? 0 : 1);
  if (simulation.event !== null) {
    out.string(simulation.event.name);
    out.bytes(simulation.event.payload);
  }
  out.bytes(result);
  return out.finish();
}

/** Decodes {@link encodeEndorsement}'s bytes; byte values are views into `bytes`. */
export function decodeEndorsement(bytes: Uint8Array): { simulation: Simulation; result: Buffer } {
  const input = new Reader(bytes);
  const reads = new Map<string, number | null>();
  for (let n = input.u32(); n > 0; n--) reads.set(input.string(), input.version());
  const ranges: RangeRead[] = [];
  for (let n = input.u32(); n > 0; n--) {
    const start = input.string();
    const end = input.string();
    const keys: Array<readonly [string, number]> = [];
    for (let k = input.u32(); k > 0; k--) keys.push([input.string(), input.f64()]);
    ranges.push({ start, end, keys });
  }
  const writes = new Map<string, Buffer | null>();
  for (let n = input.u32(); n > 0; n--) writes.set(input.string(), input.bytesOrNull());
  const event = input.u32() === 1 ? { name: input.string(), payload: input.bytes() } : null;
  const result = input.bytes();
  input.assertEnd();
  return { simulation: { reads, ranges, writes, event }, result };
}

/** Scratch space shared by every encoding on a thread (encoding is synchronous). */
let scratch = Buffer.allocUnsafe(16 * 1024);

class Writer {
  private buffer = scratch;
  private at = 0;

  u32(value: number): void {
    this.reserve(4);
    this.at = this.buffer.writeUInt32LE(value, this.at);
  }

  i32(value: number): void {
    this.reserve(4);
    this.at = this.buffer.writeInt32LE(value, this.at);
  }

  f64(value: number): void {
    this.reserve(8);
    this.at = this.buffer.writeDoubleLE(value, this.at);
  }

  string(value: string): void {
    // UTF-8 never takes more than 3 bytes per UTF-16 code unit.
    this.reserve(4 + value.length * 3);
    const length = this.buffer.write(value, this.at + 4, 'utf8');
    this.buffer.writeUInt32LE(length, this.at);
    this.at += 4 + length;
  }

  bytes(value: Uint8Array): void {
    this.reserve(4 + value.byteLength);
    this.at = this.buffer.writeUInt32LE(value.byteLength, this.at);
    this.buffer.set(value, this.at);
    this.at += value.byteLength;
  }

  finish(): Uint8Array {
    const exact = new Uint8Array(this.at);
    exact.set(this.buffer.subarray(0, this.at));
    return exact;
  }

  private reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
    scratch = grown;
  }
}

class Reader {
  private readonly buffer: Buffer;
  private at = 0;

  constructor(bytes: Uint8Array) {
    this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u32(): number {
    const value = this.buffer.readUInt32LE(this.at);
    this.at += 4;
    return value;
  }

  f64(): number {
    const value = this.buffer.readDoubleLE(this.at);
    this.at += 8;
    return value;
  }

  version(): number | null {
    const value = this.f64();
    return value === -1 ? null : value;
  }

  string(): string {
    const length = this.u32();
    const value = this.buffer.toString('utf8', this.at, this.at + length);
    this.at += length;
    return value;
  }

  bytes(): Buffer {
    const length = this.u32();
    return this.take(length);
  }

  bytesOrNull(): Buffer | null {
    const length = this.buffer.readInt32LE(this.at);
    this.at += 4;
    return length === -1 ? null : this.take(length);
  }

  assertEnd(): void {
    if (this.at !== this.buffer.length) throw new Error('endorsement has trailing bytes');
  }

  private take(length: number): Buffer {
    if (this.at + length > this.buffer.length) throw new Error('endorsement is truncated');
    const value = this.buffer.subarray(this.at, this.at + length);
    this.at += length;
    return value;
  }
}
