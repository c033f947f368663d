/**
 * The salted commitments of a transaction's parts, as the node computes them: what sealing writes
 * into a record (tx-seal.ts) and what opening checks a stored part against (tx-open.ts).
 */
import { hash } from 'node:crypto';
import { COMMITMENT_PREFIX, PART_KINDS, SALT_SIZE, type PartKind } from '../verifier';

/** The parts a transaction of this shape commits to, in record order: the salts' count. */
export function partCount(
  reads: number,
  ranges: number,
  writes: number,
  result: boolean,
  event: boolean,
): number {
  return 1 + reads + ranges + writes + (result ? 1 : 0) + (event ? 1 : 0);
}

/*
 * The log writer seals every transaction and `eter verify` checks every part, so this side
 * encodes and decodes with Buffer methods and one scratch buffer per thread, rather than the
 * verifier's portable functions (commitment.ts), which the tests hold it to, byte for byte.
 */

/** A growable buffer that writes the fields of bodies: u32 big-endian lengths and bytes. */
export class FieldWriter {
  buffer = Buffer.allocUnsafe(16 * 1024);
  at = 0;

  reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  text(value: string): void {
    // UTF-8 never takes more than 3 bytes per UTF-16 code unit.
    this.reserve(4 + value.length * 3);
    const length = this.buffer.write(value, this.at + 4, 'utf8');
    this.buffer.writeUInt32BE(length, this.at);
    this.at += 4 + length;
  }

  bytes(value: Uint8Array): void {
    this.reserve(4 + value.length);
    this.buffer.writeUInt32BE(value.length, this.at);
    this.buffer.set(value, this.at + 4);
    this.at += 4 + value.length;
  }

  /** Starts a length-prefixed body; {@link endBody} writes its length. */
  startBody(): number {
    this.reserve(4);
    this.at += 4;
    return this.at;
  }

  endBody(start: number): void {
    this.buffer.writeUInt32BE(this.at - start, start - 4);
  }
}

/** Scratch space for commitment inputs, kept by the thread (hashing is synchronous). */
const input = new FieldWriter();

/** Starts a commitment's input: 0x02, the salt, the kind byte; the body follows. */
function startCommitment(kind: PartKind, salts: Uint8Array, part: number): void {
  input.at = 0;
  input.reserve(2 + SALT_SIZE);
  input.buffer[0] = COMMITMENT_PREFIX;
  input.buffer.set(salts.subarray(part * SALT_SIZE, (part + 1) * SALT_SIZE), 1);
  input.buffer[1 + SALT_SIZE] = PART_KINDS[kind];
  input.at = 2 + SALT_SIZE;
}

function finishCommitment(): string {
  return hash('sha256', input.buffer.subarray(0, input.at), 'base64url');
}

/** The commitment of part `part` whose body lies in `body` from `start` to `end`. */
export function commitStored(
  kind: PartKind,
  salts: Uint8Array,
  part: number,
  body: Buffer,
  start: number,
  end: number,
): string {
  startCommitment(kind, salts, part);
  input.reserve(end - start);
  body.copy(input.buffer, input.at, start, end);
  input.at += end - start;
  return finishCommitment();
}

export function commitArgs(salts: Uint8Array, args: string): string {
  startCommitment('args', salts, 0);
  input.text(args);
  return finishCommitment();
}

export function commitResult(salts: Uint8Array, part: number, result: Uint8Array): string {
  startCommitment('result', salts, part);
  input.bytes(result);
  return finishCommitment();
}

export function commitEvent(
  salts: Uint8Array,
  part: number,
  name: string,
  payload: Uint8Array,
): string {
  startCommitment('event', salts, part);
  input.text(name);
  input.bytes(payload);
  return finishCommitment();
}
