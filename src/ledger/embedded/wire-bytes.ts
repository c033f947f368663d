/**
 * The byte layout of messages between the ledger's threads: little-endian
 * numbers, strings as a u32 byte length and UTF-8, byte arrays as a u32
 * length and the bytes. One array per message is transferred between
 * threads instead of structured cloning many small objects.
 */

/** A Buffer over the same bytes, without a copy (structured cloning and decoding deliver Uint8Arrays). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Scratch space shared by every encoding on a thread (encoding is
 * synchronous); it keeps what it grew to for the next message, up to a bound.
 */
let scratch = Buffer.allocUnsafe(16 * 1024);
const SCRATCH_KEPT = 8 * 1024 * 1024;

/** Appends little-endian numbers, length-prefixed UTF-8 strings and byte arrays. */
export class ByteWriter {
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

  /** Bytes, or `null` (written as length -1). */
  bytesOrNull(value: Uint8Array | null): void {
    if (value === null) this.i32(-1);
    else this.bytes(value);
  }

  bytes(value: Uint8Array): void {
    this.reserve(4 + value.byteLength);
    this.at = this.buffer.writeUInt32LE(value.byteLength, this.at);
    this.buffer.set(value, this.at);
    this.at += value.byteLength;
  }

  /** The bytes written, in an exact-size array with a buffer of its own (transferable). */
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
    if (grown.length <= SCRATCH_KEPT) scratch = grown;
  }
}

/** Reads what a {@link ByteWriter} wrote; byte arrays come back as views, not copies. */
export class ByteReader {
  private readonly buffer: Buffer;
  private at = 0;

  /** `what` names the encoding in errors. */
  constructor(
    bytes: Uint8Array,
    private readonly what: string,
  ) {
    this.buffer = asBuffer(bytes);
  }

  u32(): number {
    const value = this.buffer.readUInt32LE(this.at);
    this.at += 4;
    return value;
  }

  i32(): number {
    const value = this.buffer.readInt32LE(this.at);
    this.at += 4;
    return value;
  }

  f64(): number {
    const value = this.buffer.readDoubleLE(this.at);
    this.at += 8;
    return value;
  }

  string(): string {
    const length = this.u32();
    return this.take(length).toString('utf8');
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

  /** @throws if bytes remain unread. */
  end(): void {
    if (this.at !== this.buffer.length) throw new Error(`${this.what} has trailing bytes`);
  }

  private take(length: number): Buffer {
    if (this.at + length > this.buffer.length) throw new Error(`${this.what} is truncated`);
    const value = this.buffer.subarray(this.at, this.at + length);
    this.at += length;
    return value;
  }
}
